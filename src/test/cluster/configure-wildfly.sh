#!/usr/bin/env bash
# Prepares the WildFly of the two-node tests (mvn -Pcluster verify): the PostgreSQL driver as a
# module and a PostgreSQL datasource as the default datasource, written offline before any boot.
# Both nodes start from copies of this configuration. Safe to run again on a configured server.
#   configure-wildfly.sh JBOSS_HOME DRIVER_JAR JDBC_URL JDBC_USER
set -euo pipefail
home=$1 driver=$2 url=$3 user=$4
here=$(cd "$(dirname "$0")" && pwd)

module=$home/modules/org/postgresql/main
mkdir -p "$module"
rm -f "$module"/*.jar
cp "$driver" "$module/"
cat > "$module/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
    <resources>
        <resource-root path="$(basename "$driver")"/>
    </resources>
    <dependencies>
        <module name="java.se"/>
        <module name="jakarta.transaction.api"/>
    </dependencies>
</module>
XML

properties=$(mktemp)
trap 'rm -f "$properties"' EXIT
printf 'cloakroom.cluster.jdbc.url=%s\ncloakroom.cluster.jdbc.user=%s\n' "$url" "$user" > "$properties"
JAVA_OPTS="${JAVA_OPTS:-} -Djava.awt.headless=true" "$home/bin/jboss-cli.sh" --resolve-parameter-values \
    --properties="$properties" --file="$here/postgres-datasource.cli"
# README's cookie-parsing settings, as on the single test server.
JAVA_OPTS="${JAVA_OPTS:-} -Djava.awt.headless=true" "$home/bin/jboss-cli.sh" \
    --file="$here/../../../samples/wildfly/cloakroom.cli"
# README's observability settings: the readiness check that OutageDrill watches go DOWN and UP.
JAVA_OPTS="${JAVA_OPTS:-} -Djava.awt.headless=true" "$home/bin/jboss-cli.sh" \
    --file="$here/../../../samples/wildfly/observability.cli"
