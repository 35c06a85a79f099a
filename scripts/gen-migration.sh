#!/usr/bin/env bash
# Writes a new SQL migration from the drizzle schema (src/storage/schema) into src/storage/migrations.
# Holds a lock so two engineers generating at once cannot write the same migration number.
# Usage: scripts/gen-migration.sh <name>
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/gen-migration.sh <name>}"
exec flock /tmp/roomful-migrations.lock npx drizzle-kit generate --name "$name"
