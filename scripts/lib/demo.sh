# ./run.sh --demo: a sandbox Azure DevOps organization and a demo tenant with an installation
# against it. The demo tenant's key is kept in the data folder, so a rerun reuses the tenant.

start_demo() {
  local data="$1" port="$2" sandbox_port="$3"
  demo_data="$data/demo"
  mkdir -p "$demo_data"
  if [ ! -s "$demo_data/pat" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$demo_data/pat")
  fi
  start_child Sandbox sandbox_process "$sandbox_port" "$demo_data"
  demo_org_url="http://127.0.0.1:$sandbox_port/demo"
  wait_child_ready Sandbox 30 curl -fsS -o /dev/null -u ":$(cat "$demo_data/pat")" "$demo_org_url/_apis/projects?api-version=7.1"

  local api="http://127.0.0.1:$port/api/v1"
  if [ ! -s "$demo_data/tenant-key" ]; then
    local tenant
    tenant="$(curl -fsS -X POST "$api/admin/tenants" -H "Authorization: Bearer $Runner__Bootstrap__AdminApiKey" \
      -H 'Content-Type: application/json' -d '{"name":"Demo"}')"
    (umask 077; echo "$tenant" | jq -r .apiKey > "$demo_data/tenant-key")
  fi
  demo_key="$(cat "$demo_data/tenant-key")"
  local existing
  existing="$(curl -fsS "$api/installations" -H "Authorization: Bearer $demo_key" | jq '.items | length')"
  if [ "$existing" = "0" ]; then
    jq -n --arg url "$demo_org_url" --arg pat "$(cat "$demo_data/pat")" '{
        integrationType: "azure-devops", name: "Demo organization",
        integrationSettings: { organizationUrl: $url, personalAccessToken: { newSecret: { name: "demo-pat", value: $pat } } },
        applicationSettings: { resyncIntervalHours: 1, sendRawDataExamples: true } }' \
      | curl -fsS -X POST "$api/installations" -H "Authorization: Bearer $demo_key" \
          -H 'Content-Type: application/json' --data-binary @- | jq -r .id > "$demo_data/installation-id"
    # Creating the installation queues its first resync: the demo catalog fills right away.
  fi
}

sandbox_process() {
  exec dotnet "tools/AdoSandbox/bin/Release/net10.0/Runner.Tools.AdoSandbox.dll" --urls "http://127.0.0.1:$1" \
    --Sandbox:Size Demo --Sandbox:Pat "$(cat "$2/pat")" >"$2/sandbox.log" 2>&1
}

print_demo_summary() {
  cat <<EOM
  Demo tenant key: $demo_key   (sign in with it)
  Sandbox org:     $demo_org_url
EOM
}
