#!/usr/bin/env bash
# The beans and configuration classes the application context registers, as Spring AOT
# generated them at build time (process-aot: target/spring-aot), with their counts: what
# start-up pays for. Compare two builds by running it on each and diffing the lists.
# Usage: bench/beans.sh [--list]      (builds the jar first when there is no AOT output)
set -euo pipefail
cd "$(dirname "$0")/.."

file=$(find target/spring-aot/main/sources -name 'SmtpReferenceApplication__BeanFactoryRegistrations.java' \
  2>/dev/null | head -n 1 || true)
if [ -z "$file" ]; then
  ./mvnw -q -B -DskipTests package
  file=$(find target/spring-aot/main/sources -name 'SmtpReferenceApplication__BeanFactoryRegistrations.java' | head -n 1)
fi
beans=$(grep -o 'registerBeanDefinition("[^"]*"' "$file" | sed 's/registerBeanDefinition("//; s/"$//' | sort)
configurations=$(grep -E '^[a-z][a-z0-9_.]*\.[A-Z][A-Za-z0-9$]*Configurations?(\$[A-Za-z0-9]+)*$' <<< "$beans" || true)
if [ "${1:-}" = --list ]; then
  echo "== configuration classes =="
  echo "$configurations"
  echo "== other beans =="
  grep -vxF -f <(echo "$configurations") <<< "$beans" || true
fi
echo "beans: $(wc -l <<< "$beans"), of which configuration classes: $(wc -l <<< "$configurations")"
