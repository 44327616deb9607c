#!/usr/bin/env bash
# Until the first release the schema is one "Initial" migration, regenerated from the model.
# Run this after changing an entity or a configuration.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
# (An explicit --namespace once put the snapshot under Dashboard.Core/Dashboard/…; remove any stale one.)
rm -rf Dashboard.Core/Data/Migrations Dashboard.Core/Dashboard
dotnet ef migrations add Initial --project Dashboard.Core --startup-project Dashboard.Core --output-dir Data/Migrations
