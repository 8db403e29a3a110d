#!/usr/bin/env bash
# Example PKI for TESTS AND THE EMBEDDED DEMO MODE ONLY.
# Every private key written by this script is public. Never use any of it in production.
#
# Usage: ./make-certs.sh        (may be run from any directory; writes next to itself)
#        ./make-certs.sh tls    (the TLS files under tls/ only; the S/MIME files stay as they are)
# Needs: OpenSSL 3.x command line tool; for the TLS trust stores also keytool (any JDK 17+).
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$DIR"

DAYS=10950                 # 30 years
P12_PASS="changeit"
PASS_ARG="pass:${P12_PASS}"

CA_SUBJ="/C=GB/O=SIR Gateway Example (TEST ONLY)/CN=SIR Gateway Example CA (TEST ONLY)"

command -v openssl >/dev/null || { echo "openssl not found" >&2; exit 1; }
case "$(openssl version)" in
  "OpenSSL 3."*) ;;
  *) echo "OpenSSL 3.x required, found: $(openssl version)" >&2; exit 1 ;;
esac

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# --- OpenSSL configuration with the exact extensions -----------------------
CNF="$WORK/openssl.cnf"
cat > "$CNF" <<'CNFEOF'
[ req ]
distinguished_name = req_dn
prompt             = no
string_mask        = utf8only
utf8               = yes

[ req_dn ]
CN = placeholder

[ v3_ca ]
basicConstraints       = critical, CA:true
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[ ee_rsa ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = emailProtection
subjectAltName         = email:${ENV::SAN_EMAIL}
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ ee_ec ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyAgreement
extendedKeyUsage       = emailProtection
subjectAltName         = email:${ENV::SAN_EMAIL}
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
CNFEOF
# ${ENV::SAN_EMAIL} must be defined whenever the config is loaded.
export SAN_EMAIL="unused@example.invalid"

# Random positive 128-bit serial number, as 0x-prefixed hex.
rand_serial() {
  local hex
  hex="$(openssl rand -hex 16)"
  # clear the top bit so the serial is positive and at most 16 bytes
  printf '0x%x%s' $(( 0x${hex:0:1} & 0x7 )) "${hex:1}"
}

# --- TLS (tls/): a CA of its own and a server certificate for localhost ------------
# For the tests of the mail servers' and the console's TLS only. tls/tls-ca.p12 is a trust store
# (PKCS12, password changeit) holding the TLS CA alone; tls/localhost.p12 is the server's keystore
# (key + chain, alias localhost); tls/localhost.{cert,key}.pem the same as PEM for Spring Boot's SSL bundles.
make_tls() {
  command -v keytool >/dev/null || { echo "keytool not found (needed for tls/tls-ca.p12)" >&2; exit 1; }
  rm -rf tls
  mkdir -p tls
  local cnf="$WORK/tls.cnf"
  cat > "$cnf" <<'TLSEOF'
[ req ]
distinguished_name = req_dn
prompt             = no
[ req_dn ]
CN = placeholder
[ v3_ca ]
basicConstraints       = critical, CA:true
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
[ server ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
TLSEOF
  openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out tls/tls-ca.key.pem
  openssl req -new -x509 -config "$cnf" -extensions v3_ca -key tls/tls-ca.key.pem \
    -subj "/C=GB/O=SIR Gateway Example (TEST ONLY)/CN=SIR Gateway Example TLS CA (TEST ONLY)" \
    -sha256 -days "$DAYS" -set_serial "$(rand_serial)" -out tls/tls-ca.cert.pem
  openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out tls/localhost.key.pem
  openssl req -new -config "$cnf" -key tls/localhost.key.pem -sha256 \
    -subj "/C=GB/O=SIR Gateway Example (TEST ONLY)/CN=localhost" -out "$WORK/localhost.csr.pem"
  if ! openssl x509 -req -in "$WORK/localhost.csr.pem" -CA tls/tls-ca.cert.pem -CAkey tls/tls-ca.key.pem \
      -set_serial "$(rand_serial)" -days "$DAYS" -sha256 -extfile "$cnf" -extensions server \
      -out tls/localhost.cert.pem 2>"$WORK/x509.log"; then
    cat "$WORK/x509.log" >&2
    exit 1
  fi
  openssl pkcs12 -export -inkey tls/localhost.key.pem -in tls/localhost.cert.pem -certfile tls/tls-ca.cert.pem \
    -name localhost -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg SHA256 -iter 10000 \
    -passout "$PASS_ARG" -out tls/localhost.p12
  # a trust store: the CA as a trusted certificate entry (OpenSSL 3.0 cannot mark one trusted for Java)
  if ! keytool -importcert -noprompt -alias tls-ca -file tls/tls-ca.cert.pem -keystore tls/tls-ca.p12 \
      -storetype PKCS12 -storepass "$P12_PASS" >"$WORK/keytool.log" 2>&1; then
    cat "$WORK/keytool.log" >&2
    exit 1
  fi
  chmod 644 tls/*
  echo "TEST ONLY: every private key in this folder is public - never use any of these keys or certificates in production." \
    > tls/TEST-ONLY.txt
  echo "TLS test PKI written to $DIR/tls  (TEST ONLY - these private keys are public)"
}

if [ "${1:-}" = "tls" ]; then
  make_tls
  exit 0
fi

# Remove earlier output so no stale files stay behind.
rm -rf ca gateway councils government
mkdir -p ca gateway councils government

# --- Root CA ------------------------------------------------------------------
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out ca/ca.key.pem
openssl req -new -x509 -config "$CNF" -extensions v3_ca \
  -key ca/ca.key.pem -subj "$CA_SUBJ" -sha256 -days "$DAYS" \
  -set_serial "$(rand_serial)" -out ca/ca.cert.pem

# --- End-entity helper --------------------------------------------------------
# make_ee <dir> <basename/alias> <rsa|ec> <common name> <email>
make_ee() {
  local dir="$1" name="$2" kind="$3" cn="$4" email="$5"
  local key="$dir/$name.key.pem" cert="$dir/$name.cert.pem" p12="$dir/$name.p12"
  local csr="$WORK/$name.csr.pem" ext

  case "$kind" in
    rsa) openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key"
         ext=ee_rsa ;;
    ec)  openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
           -pkeyopt ec_param_enc:named_curve -out "$key"
         ext=ee_ec ;;
    *)   echo "unknown key kind: $kind" >&2; exit 1 ;;
  esac

  openssl req -new -config "$CNF" -key "$key" -sha256 \
    -subj "/C=GB/O=SIR Gateway Example (TEST ONLY)/CN=${cn}/emailAddress=${email}" -out "$csr"

  # (stderr kept aside: "openssl x509 -req" always chats there; shown on failure)
  if ! SAN_EMAIL="$email" openssl x509 -req -in "$csr" \
      -CA ca/ca.cert.pem -CAkey ca/ca.key.pem -set_serial "$(rand_serial)" \
      -days "$DAYS" -sha256 -extfile "$CNF" -extensions "$ext" -out "$cert" \
      2>"$WORK/x509.log"; then
    cat "$WORK/x509.log" >&2
    exit 1
  fi

  # PKCS#12: PBES2 (PBKDF2 + AES-256-CBC) for key and certificates, HMAC-SHA256 MAC.
  # Java 17's KeyStore "PKCS12" reads this. Friendly name = keystore alias.
  openssl pkcs12 -export -inkey "$key" -in "$cert" -certfile ca/ca.cert.pem \
    -name "$name" -caname "sir-gateway-example-ca" \
    -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg SHA256 -iter 10000 \
    -passout "$PASS_ARG" -out "$p12"
}

# --- Gateway --------------------------------------------------------------------
GW_EMAIL="notifications@sir-gateway.test"
make_ee gateway gateway-rsa     rsa "SIR Gateway (TEST ONLY)" "$GW_EMAIL"
make_ee gateway gateway-ec      ec  "SIR Gateway (TEST ONLY)" "$GW_EMAIL"
make_ee gateway gateway-rsa-old rsa "SIR Gateway (TEST ONLY)" "$GW_EMAIL"

# --- Councils -------------------------------------------------------------------
make_ee councils demo-council   rsa "Demo Council CJSW (TEST ONLY)"        "cjsw@demo-council.test"
make_ee councils second-council rsa "Second Demo Council CJSW (TEST ONLY)" "cjsw@second-council.test"

# --- Scottish Government --------------------------------------------------------
make_ee government scottish-government rsa "Scottish Government SIR (TEST ONLY)" "sir@gov-scot.test"

chmod 644 ca/* gateway/* councils/* government/*

# --- Summary ----------------------------------------------------------------------
summary_cert() {
  local f="$1"
  printf '%-40s cert    serial=%s  %s  subject: %s\n' "$f" \
    "$(openssl x509 -in "$f" -noout -serial | cut -d= -f2)" \
    "$(openssl x509 -in "$f" -noout -enddate)" \
    "$(openssl x509 -in "$f" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')"
}
summary_key() {
  local f="$1"
  printf '%-40s key     %s\n' "$f" \
    "$(openssl pkey -in "$f" -noout -text | head -n 1 | sed 's/^ *//')"
}
summary_p12() {
  local f="$1" alias
  alias="$(openssl pkcs12 -in "$f" -passin "$PASS_ARG" -nokeys -clcerts -info 2>/dev/null \
           | sed -n 's/^ *friendlyName: *//p' | head -n 1)"
  printf '%-40s pkcs12  alias=%s  password=%s  (AES-256-CBC/PBKDF2, HMAC-SHA256)\n' "$f" "$alias" "$P12_PASS"
}

make_tls

echo
echo "Example PKI written to $DIR  (TEST ONLY - these private keys are public)"
for f in ca/ca.key.pem ca/ca.cert.pem \
         gateway/*.pem gateway/*.p12 councils/*.pem councils/*.p12 \
         government/*.pem government/*.p12; do
  case "$f" in
    *.key.pem)  summary_key "$f" ;;
    *.cert.pem) summary_cert "$f" ;;
    *.p12)      summary_p12 "$f" ;;
  esac
done
