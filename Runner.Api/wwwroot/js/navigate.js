// Navigation lives apart from app.js so pages can navigate without importing the router.

export const home = me => (me.role === 'operator' ? '#/tenants' : '#/sources');

export function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}
