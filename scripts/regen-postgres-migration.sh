#!/usr/bin/env bash
# The PostgreSQL schema is one "Initial" migration in Dashboard.PostgresMigrations, regenerated from
# the model until the first release on PostgreSQL. Run this after any model change (a new SQLite
# migration in Dashboard.Core/Data/Migrations). It needs no PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
# (An explicit --namespace would put the snapshot under Dashboard.PostgresMigrations/Dashboard/…)
rm -rf Dashboard.PostgresMigrations/Migrations Dashboard.PostgresMigrations/Dashboard
dotnet ef migrations add Initial --project Dashboard.PostgresMigrations --startup-project Dashboard.PostgresMigrations \
    --output-dir Migrations
# Triggers and other SQL that EF does not model: one call at the end of Up (see PostgresSql.cs).
migration=$(ls Dashboard.PostgresMigrations/Migrations/*_Initial.cs)
perl -0pi -e 's/(\n        \}\n\n        \/\/\/ <inheritdoc \/>\n        protected override void Down)/\n\n            PostgresSql.Up(migrationBuilder);$1/' "$migration"
grep -q 'PostgresSql.Up(migrationBuilder);' "$migration" || { echo "could not add PostgresSql.Up to $migration" >&2; exit 1; }
# One fixed id, so a database made by an earlier regeneration does not see a "new" Initial.
id=20261207000100_Initial
for f in Dashboard.PostgresMigrations/Migrations/*_Initial*.cs; do
    new="Dashboard.PostgresMigrations/Migrations/${id}${f##*_Initial}"
    [[ $f == "$new" ]] || mv "$f" "$new"
done
sed -i -E "s/\[Migration\(\"[0-9]+_Initial\"\)\]/[Migration(\"$id\")]/" "Dashboard.PostgresMigrations/Migrations/${id}.Designer.cs"
