#!/bin/sh
# Demo seed for `docker compose --profile demo`: a tenant, then an Azure DevOps installation that
# syncs from the sandbox. Each run adds another tenant, so a second `up` never fails on a duplicate.
set -eu

tenant="$(curl -fsS -X POST "$RUNNER_API_URL/api/v1/admin/tenants" \
  -H "Authorization: Bearer $RUNNER_ADMIN_API_KEY" -H 'Content-Type: application/json' \
  -d '{"name":"Demo"}')"
tenant_key="$(printf '%s' "$tenant" | sed -n 's/.*"apiKey":"\([^"]*\)".*/\1/p')"
[ -n "$tenant_key" ] || { echo "no apiKey in the tenant response: $tenant" >&2; exit 1; }

curl -fsS -X POST "$RUNNER_API_URL/api/v1/installations" \
  -H "Authorization: Bearer $tenant_key" -H 'Content-Type: application/json' \
  -d "{\"integrationType\":\"azure-devops\",\"name\":\"Demo organization\",
       \"integrationSettings\":{\"organizationUrl\":\"$SANDBOX_ORGANIZATION_URL\",
         \"personalAccessToken\":{\"newSecret\":{\"name\":\"demo-pat\",\"value\":\"$SANDBOX_PAT\"}}}}"
echo
echo "Demo tenant ready; its admin API key (shown once): $tenant_key"
