#!/usr/bin/env bash
# S/MIME interoperability fixtures for TESTS ONLY.
# Every key and certificate used or written here is public test material.
# Never use any of it in production or for a real notification.
#
# Usage: ./make-fixtures.sh     (may be run from any directory; writes next to itself)
# Needs: bash, perl and the OpenSSL 3.x command line tool.
#
# Reads the example PKI in ../../../../certs-example (never modifies it) and writes:
#   *.eml                         complete RFC 5322 messages, CRLF line endings
#   gateway-ec384.{key,cert}.pem  test-only P-384 gateway key, signed by the example CA
#   gateway-ec384.p12             the same as PKCS#12 (password changeit, alias gateway-ec384)
#   self-signed-council.{key,cert}.pem
#                                 throwaway self-signed "cjsw@demo-council.test" signer
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CERTS="$(cd "$DIR/../../../../certs-example" && pwd)"
cd "$DIR"

command -v openssl >/dev/null || { echo "openssl not found" >&2; exit 1; }
command -v perl >/dev/null || { echo "perl not found" >&2; exit 1; }
case "$(openssl version)" in
  "OpenSSL 3."*) ;;
  *) echo "OpenSSL 3.x required, found: $(openssl version)" >&2; exit 1 ;;
esac

CA_CERT="$CERTS/ca/ca.cert.pem"
CA_KEY="$CERTS/ca/ca.key.pem"
GW_RSA_CERT="$CERTS/gateway/gateway-rsa.cert.pem"
GW_EC_CERT="$CERTS/gateway/gateway-ec.cert.pem"
GW_OLD_CERT="$CERTS/gateway/gateway-rsa-old.cert.pem"
DEMO_CERT="$CERTS/councils/demo-council.cert.pem"
DEMO_KEY="$CERTS/councils/demo-council.key.pem"
SECOND_CERT="$CERTS/councils/second-council.cert.pem"
SECOND_KEY="$CERTS/councils/second-council.key.pem"

DAYS=10950                      # 30 years, as in certs-example
P12_PASS="changeit"
DATE_HEADER="Fri, 27 Nov 2026 14:00:00 +0000"
FROM_DEMO="Demo Council CJSW <cjsw@demo-council.test>"
TO_GATEWAY="notifications@sir-gateway.test"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Remove earlier output (only the files this script writes).
rm -f ./*.eml gateway-ec384.key.pem gateway-ec384.cert.pem gateway-ec384.p12 \
      self-signed-council.key.pem self-signed-council.cert.pem

# --- Helpers -----------------------------------------------------------------

# Convert every line ending to CRLF (LF -> CRLF, CRLF stays CRLF), in place.
# OpenSSL's -crlfeol only covers the MIME headers and boundaries it writes;
# its base64 lines still end in LF.
to_crlf() {
  perl -0777 -pi -e 's/\r?\n/\r\n/g' "$1"
}

# Remove MIME-Version from the first header block of an entity, in place.
# OpenSSL starts every S/MIME entity with "MIME-Version: 1.0"; the message
# header block written by wrap_message already has exactly one.
drop_mime_version() {
  perl -0777 -pi -e '
    my ($h, $b) = split /\r\n\r\n/, $_, 2;
    $h = join "\r\n", grep { !/^MIME-Version:/i } split /\r\n/, $h;
    $_ = "$h\r\n\r\n$b";
  ' "$1"
}

# Normalise an OpenSSL S/MIME output file into a CRLF entity without MIME-Version.
finish_entity() {
  to_crlf "$1"
  drop_mime_version "$1"
}

# form_entity <fixture name> <out>: the innermost MIME entity (canonical, CRLF).
form_entity() {
  local name="$1" out="$2"
  printf '%s\r\n' \
    'Content-Type: text/plain; charset=UTF-8' \
    'Content-Transfer-Encoding: 7bit' \
    '' \
    'local_authority: Demo Council' \
    'notifier_name: Alex Demo' \
    'notifier_email: cjsw@demo-council.test' \
    'signoff_name: Sam Example' \
    'signoff_role: Service Manager' \
    'incident_date: 20/11/2026' \
    'incident_category: 1' \
    'incident_type: SERIOUS_ASSAULT' \
    'offender_ref: DEMO-0001' \
    'order_type: CPO' \
    'mappa: no' \
    "description: Fixture ${name}, an invented incident." > "$out"
}

# sign_detached <in> <out> <cert> <key>: multipart/signed, SHA-256, signer cert included.
# -binary: the input is already a canonical CRLF MIME entity and is signed byte for byte.
sign_detached() {
  openssl cms -sign -binary -crlfeol -md sha256 \
    -signer "$3" -inkey "$4" -in "$1" -out "$2"
  finish_entity "$2"
}

# sign_opaque <in> <out> <cert> <key>: application/pkcs7-mime; smime-type=signed-data.
sign_opaque() {
  openssl cms -sign -nodetach -binary -crlfeol -md sha256 \
    -signer "$3" -inkey "$4" -in "$1" -out "$2"
  finish_entity "$2"
}

# encrypt <in> <out> <cipher> <recipient cert> [-keyopt ...]
encrypt() {
  local in="$1" out="$2" cipher="$3" recip="$4"
  shift 4
  openssl cms -encrypt -binary -crlfeol "$cipher" \
    -in "$in" -out "$out" -recip "$recip" "$@"
  finish_entity "$out"
}

# wrap_message <fixture name> <entity> [from]: write <name>.eml with the
# message headers followed by the entity's own headers in one header block.
wrap_message() {
  local name="$1" entity="$2" from="${3:-$FROM_DEMO}"
  {
    printf '%s\r\n' \
      "From: ${from}" \
      "To: ${TO_GATEWAY}" \
      "Subject: Serious incident notification (${name})" \
      "Date: ${DATE_HEADER}" \
      "Message-ID: <${name}@demo-council.test>" \
      "MIME-Version: 1.0"
    cat "$entity"
  } > "$name.eml"
}

# --- Extra test-only keys ----------------------------------------------------

CNF="$WORK/openssl.cnf"
cat > "$CNF" <<'CNFEOF'
[ req ]
distinguished_name = req_dn
prompt             = no
string_mask        = utf8only
utf8               = yes

[ req_dn ]
CN = placeholder

[ ee_ec ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyAgreement
extendedKeyUsage       = emailProtection
subjectAltName         = email:notifications@sir-gateway.test
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ self_signed ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = emailProtection
subjectAltName         = email:cjsw@demo-council.test
subjectKeyIdentifier   = hash
CNFEOF

# Random positive 128-bit serial number, as 0x-prefixed hex.
rand_serial() {
  local hex
  hex="$(openssl rand -hex 16)"
  printf '0x%x%s' $(( 0x${hex:0:1} & 0x7 )) "${hex:1}"
}

# P-384 gateway key, signed by the example CA.
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-384 \
  -pkeyopt ec_param_enc:named_curve -out gateway-ec384.key.pem
openssl req -new -config "$CNF" -key gateway-ec384.key.pem -sha256 \
  -subj "/C=GB/O=SIR Gateway Example (TEST ONLY)/CN=SIR Gateway P-384 (TEST ONLY)/emailAddress=notifications@sir-gateway.test" \
  -out "$WORK/ec384.csr.pem"
if ! openssl x509 -req -in "$WORK/ec384.csr.pem" \
    -CA "$CA_CERT" -CAkey "$CA_KEY" -set_serial "$(rand_serial)" \
    -days "$DAYS" -sha256 -extfile "$CNF" -extensions ee_ec \
    -out gateway-ec384.cert.pem 2>"$WORK/x509.log"; then
  cat "$WORK/x509.log" >&2
  exit 1
fi
# PBES2 (PBKDF2 + AES-256-CBC) for key and certificates, HMAC-SHA256 MAC: Java 17 loads it.
openssl pkcs12 -export -inkey gateway-ec384.key.pem -in gateway-ec384.cert.pem \
  -certfile "$CA_CERT" -name gateway-ec384 -caname sir-gateway-example-ca \
  -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg SHA256 -iter 10000 \
  -passout "pass:${P12_PASS}" -out gateway-ec384.p12

# Throwaway self-signed certificate claiming cjsw@demo-council.test (untrusted signer).
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out self-signed-council.key.pem
openssl req -new -x509 -config "$CNF" -extensions self_signed \
  -key self-signed-council.key.pem -sha256 -days "$DAYS" -set_serial "$(rand_serial)" \
  -subj "/C=GB/O=Not The Example CA (TEST ONLY)/CN=Demo Council CJSW self-signed (TEST ONLY)/emailAddress=cjsw@demo-council.test" \
  -out self-signed-council.cert.pem
chmod 644 gateway-ec384.* self-signed-council.*

# --- Enveloped (encrypted only) ----------------------------------------------

# enveloped_fixture <name> <cipher> <recipient cert> [-keyopt ...]
enveloped_fixture() {
  local name="$1" cipher="$2" recip="$3"
  shift 3
  form_entity "$name" "$WORK/$name.form"
  encrypt "$WORK/$name.form" "$WORK/$name.enc" "$cipher" "$recip" "$@"
  wrap_message "$name" "$WORK/$name.enc"
}

enveloped_fixture enveloped-aes128-rsa          -aes-128-cbc "$GW_RSA_CERT"
enveloped_fixture enveloped-aes192-rsa          -aes-192-cbc "$GW_RSA_CERT"
enveloped_fixture enveloped-aes256-rsa          -aes-256-cbc "$GW_RSA_CERT"
enveloped_fixture enveloped-aes256-rsa-oaep     -aes-256-cbc "$GW_RSA_CERT" -keyopt rsa_padding_mode:oaep
enveloped_fixture enveloped-aes256-ecdh-p256    -aes-256-cbc "$GW_EC_CERT"
enveloped_fixture enveloped-aes256-ecdh-p384    -aes-256-cbc "$DIR/gateway-ec384.cert.pem"
enveloped_fixture authenveloped-aes256-gcm      -aes-256-gcm "$GW_RSA_CERT"
enveloped_fixture enveloped-to-old-key          -aes-256-cbc "$GW_OLD_CERT"
enveloped_fixture encrypted-to-someone-else     -aes-256-cbc "$SECOND_CERT"

# --- Signed only ---------------------------------------------------------------

n=signed-opaque
form_entity "$n" "$WORK/$n.form"
sign_opaque "$WORK/$n.form" "$WORK/$n.sig" "$DEMO_CERT" "$DEMO_KEY"
wrap_message "$n" "$WORK/$n.sig"

n=signed-detached
form_entity "$n" "$WORK/$n.form"
sign_detached "$WORK/$n.form" "$WORK/$n.sig" "$DEMO_CERT" "$DEMO_KEY"
wrap_message "$n" "$WORK/$n.sig"

n=signed-by-other-council
form_entity "$n" "$WORK/$n.form"
sign_detached "$WORK/$n.form" "$WORK/$n.sig" "$SECOND_CERT" "$SECOND_KEY"
wrap_message "$n" "$WORK/$n.sig"

n=signed-self-signed
form_entity "$n" "$WORK/$n.form"
sign_detached "$WORK/$n.form" "$WORK/$n.sig" "$DIR/self-signed-council.cert.pem" "$DIR/self-signed-council.key.pem"
wrap_message "$n" "$WORK/$n.sig"

# Detached signature, then one character of the signed text part changed.
n=signed-tampered
form_entity "$n" "$WORK/$n.form"
sign_detached "$WORK/$n.form" "$WORK/$n.sig" "$DEMO_CERT" "$DEMO_KEY"
wrap_message "$n" "$WORK/$n.sig"
perl -0777 -pi -e 's/offender_ref: DEMO-0001\r\n/offender_ref: DEMO-0002\r\n/ == 1 or die "tamper target not found\n"' "$n.eml"

# --- Layered ---------------------------------------------------------------------

# Signed (detached), then encrypted.
n=signed-then-encrypted
form_entity "$n" "$WORK/$n.form"
sign_detached "$WORK/$n.form" "$WORK/$n.l1" "$DEMO_CERT" "$DEMO_KEY"
encrypt "$WORK/$n.l1" "$WORK/$n.l2" -aes-256-cbc "$GW_RSA_CERT"
wrap_message "$n" "$WORK/$n.l2"

# Triple wrap (RFC 2634): signed (detached), encrypted, signed again (detached).
n=triple-wrapped
form_entity "$n" "$WORK/$n.form"
sign_detached "$WORK/$n.form" "$WORK/$n.l1" "$DEMO_CERT" "$DEMO_KEY"
encrypt "$WORK/$n.l1" "$WORK/$n.l2" -aes-256-cbc "$GW_RSA_CERT"
sign_detached "$WORK/$n.l2" "$WORK/$n.l3" "$DEMO_CERT" "$DEMO_KEY"
wrap_message "$n" "$WORK/$n.l3"

# Four layers: signed (opaque), encrypted, signed (opaque), encrypted.
n=four-layers
form_entity "$n" "$WORK/$n.form"
sign_opaque "$WORK/$n.form" "$WORK/$n.l1" "$DEMO_CERT" "$DEMO_KEY"
encrypt "$WORK/$n.l1" "$WORK/$n.l2" -aes-256-cbc "$GW_RSA_CERT"
sign_opaque "$WORK/$n.l2" "$WORK/$n.l3" "$DEMO_CERT" "$DEMO_KEY"
encrypt "$WORK/$n.l3" "$WORK/$n.l4" -aes-256-cbc "$GW_RSA_CERT"
wrap_message "$n" "$WORK/$n.l4"

# --- Malformed ---------------------------------------------------------------------

# enveloped-data label, but the body is 512 random bytes. The first byte is kept
# away from 0x30 (ASN.1 SEQUENCE) so it can never parse as a CMS ContentInfo.
n=malformed-pkcs7
while :; do
  openssl rand -out "$WORK/$n.bin" 512
  [ "$(head -c 1 "$WORK/$n.bin" | od -An -tx1 | tr -d ' \n')" != "30" ] && break
done
{
  printf '%s\r\n' \
    'Content-Disposition: attachment; filename="smime.p7m"' \
    'Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"' \
    'Content-Transfer-Encoding: base64' \
    ''
  openssl base64 -e -in "$WORK/$n.bin"
} > "$WORK/$n.ent"
to_crlf "$WORK/$n.ent"
wrap_message "$n" "$WORK/$n.ent"

# --- Summary -------------------------------------------------------------------------

echo "S/MIME fixtures written to $DIR  (TEST ONLY)"
for f in *.eml; do
  printf '%-36s %s\n' "$f" "$(grep -m1 -i '^Content-Type:' "$f" | tr -d '\r' | cut -c1-110)"
done
