#!/usr/bin/env bash
# Compiles and lints every Bicep template with the real Bicep compiler, pinned in
# tools/bicep-tools.csproj and restored from NuGet into tools/obj/packages (gitignored).
# Fails on any error and on any warning: rules that are deliberately relaxed are set in
# bicepconfig.json with the reason beside them. Build output goes to a temporary folder.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "infra check skipped: dotnet is not installed here (CI has it; see infra/README.md)"
  exit 0
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# A restore is a no-op once the pinned package is in tools/obj/packages.
dotnet restore tools/bicep-tools.csproj --verbosity quiet

version=$(sed -n 's:.*<BicepVersion>\(.*\)</BicepVersion>.*:\1:p' tools/bicep-tools.csproj)
bicep="tools/obj/packages/azure.bicep.commandline.linux-x64/${version}/tools/bicep"
if [ ! -f "$bicep" ]; then
  echo "infra check failed: $bicep is missing after dotnet restore" >&2
  exit 1
fi
chmod +x "$bicep"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
log="$out/diagnostics.txt"
: >"$log"

templates=$(find . -name '*.bicep' -not -path './tools/*' | wc -l)
failed=0
# `build` stops at compile errors; `lint` reports every linter rule. Both print
# "path(line,col) : Level rule: message". --no-restore: no registry modules, nothing to fetch.
"$bicep" build --pattern '**/*.bicep' --outdir "$out" --no-restore 2>>"$log" || failed=1
"$bicep" lint --pattern '**/*.bicep' --no-restore 2>>"$log" || failed=1
while IFS= read -r params; do
  "$bicep" build-params "$params" --outfile "$out/$(basename "$params" .bicepparam).json" \
    --no-restore 2>>"$log" || failed=1
done < <(find . -name '*.bicepparam' -not -path './tools/*' | sort)

if grep -Eq ' : (Warning|Error) ' "$log"; then
  failed=1
fi
sort -u "$log"

if [ "$failed" -ne 0 ]; then
  echo "infra check failed: Bicep $version reported the problems above" >&2
  exit 1
fi
echo "infra check passed: Bicep $version built and linted $templates templates"
