#!/usr/bin/env bash
# Installs Postfix's smtp-sink and smtp-source (Debian package "postfix") when they are missing;
# the relay benchmark measures against them. Never configures or starts Postfix itself.
set -euo pipefail
if command -v smtp-sink >/dev/null 2>&1 || [ -x /usr/sbin/smtp-sink ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "Installing postfix (for smtp-sink and smtp-source)…" >&2
$SUDO apt-get update -qq
echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postfix >/dev/null
