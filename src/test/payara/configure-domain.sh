#!/usr/bin/env bash
# Prepares the Payara Server of the integration tests (mvn -Ppayara verify) before it boots:
# every listener on 127.0.0.1, the ports of pom.xml instead of Payara's defaults (so that it never
# meets a WildFly or another Payara on the same machine), Hazelcast and H2 on the loopback only,
# and no JMS broker. Edits the shipped domain.xml; the build restores that file first on every run.
#   configure-domain.sh DOMAIN_XML
# The ports come from the environment (the payara.*.port properties of pom.xml):
#   PAYARA_HTTP_PORT PAYARA_HTTPS_PORT PAYARA_ADMIN_PORT PAYARA_IIOP_PORT PAYARA_IIOP_SSL_PORT
#   PAYARA_IIOP_MUTUALAUTH_PORT PAYARA_JMX_PORT PAYARA_JMS_PORT PAYARA_OSGI_SHELL_PORT
#   PAYARA_HAZELCAST_PORT
# Each edit replaces literal text of the shipped file and fails, naming it, if that text is not
# there (a Payara version whose domain.xml differs), rather than leaving a default port in place.
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true   # bash 5.2: a '&' in a replacement stays a '&'

domain_xml=$1
for port in HTTP HTTPS ADMIN IIOP IIOP_SSL IIOP_MUTUALAUTH JMX JMS OSGI_SHELL HAZELCAST; do
  name=PAYARA_${port}_PORT
  if ! [[ "${!name:-}" =~ ^[0-9]+$ ]]; then
    echo "configure-domain.sh: $name must be a port number, not '${!name:-}'" >&2
    exit 2
  fi
done

xml=$(<"$domain_xml")

# replace FROM TO: the first occurrence of FROM (the server's own, server-config, comes first).
replace() {
  if [[ "$xml" != *"$1"* ]]; then
    echo "configure-domain.sh: '$1' not found in $domain_xml" >&2
    exit 1
  fi
  xml=${xml/"$1"/"$2"}
}

# Every address, then the three listeners of server-config.
if [[ "$xml" == *'address="0.0.0.0"'* ]]; then
  xml=${xml//'address="0.0.0.0"'/'address="127.0.0.1"'}
fi
replace '<network-listener port="8080"' "<network-listener address=\"127.0.0.1\" port=\"$PAYARA_HTTP_PORT\""
replace '<network-listener port="8181"' "<network-listener address=\"127.0.0.1\" port=\"$PAYARA_HTTPS_PORT\""
replace '<network-listener port="4848"' "<network-listener address=\"127.0.0.1\" port=\"$PAYARA_ADMIN_PORT\""
# IIOP, JMX, JMS and the OSGi shell.
replace 'port="3700"' "port=\"$PAYARA_IIOP_PORT\""
replace 'port="3820"' "port=\"$PAYARA_IIOP_SSL_PORT\""
replace 'port="3920"' "port=\"$PAYARA_IIOP_MUTUALAUTH_PORT\""
replace 'port="8686"' "port=\"$PAYARA_JMX_PORT\""
replace 'name="JMS_PROVIDER_PORT" value="7676"' "name=\"JMS_PROVIDER_PORT\" value=\"$PAYARA_JMS_PORT\""
replace '-Dosgi.shell.telnet.port=6666' "-Dosgi.shell.telnet.port=$PAYARA_OSGI_SHELL_PORT"
# Hazelcast (the cache engine's provider on Payara) on the loopback and one port.
replace '<hazelcast-runtime-configuration start-port="5900" das-port="4900"' \
  "<hazelcast-runtime-configuration interface=\"127.0.0.1\" das-bind-address=\"127.0.0.1\" start-port=\"$PAYARA_HAZELCAST_PORT\" das-port=\"$PAYARA_HAZELCAST_PORT\""
# The server's JVM: Hazelcast and the H2 server bound to the loopback.
replace '<jvm-options>-server</jvm-options>' \
  '<jvm-options>-server</jvm-options><jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options><jvm-options>-Dh2.bindAddress=127.0.0.1</jvm-options>'
# No JMS broker: a disabled jms-service before the server's connector-service.
replace '<connector-service ' \
  "<jms-service type=\"DISABLED\" default-jms-host=\"default_JMS_host\"><jms-host name=\"default_JMS_host\" host=\"127.0.0.1\" port=\"$PAYARA_JMS_PORT\" lazy-init=\"true\"/></jms-service><connector-service "

for left in '0.0.0.0' 'port="8080"' 'port="4848"'; do
  if [[ "$xml" == *"$left"* ]]; then
    echo "configure-domain.sh: $domain_xml still has $left: Payara would listen on a default port or on every address" >&2
    exit 1
  fi
done

printf '%s\n' "$xml" > "$domain_xml"
