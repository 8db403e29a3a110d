#!/usr/bin/env bash
# Checks the S/MIME test fixtures (TESTS ONLY) with the OpenSSL 3.x command line tool.
# Positive fixtures must decrypt / verify layer by layer down to the form text;
# negative fixtures must fail in the intended way. Exits non-zero on any
# unexpected result.
#
# Usage: ./verify-fixtures.sh   (may be run from any directory)
set -euo pipefail
# (a failed check is reported and counted; it never stops the remaining checks)

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CERTS="$(cd "$DIR/../../../../certs-example" && pwd)"
cd "$DIR"

CA_CERT="$CERTS/ca/ca.cert.pem"
GW_RSA="$CERTS/gateway/gateway-rsa"
GW_EC="$CERTS/gateway/gateway-ec"
GW_OLD="$CERTS/gateway/gateway-rsa-old"
GW_EC384="$DIR/gateway-ec384"
SECOND="$CERTS/councils/second-council"
DEMO_EMAIL="cjsw@demo-council.test"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

PASSES=0
FAILS=0
pass() { PASSES=$((PASSES + 1)); printf 'PASS  %-32s %s\n' "$1" "$2"; }
fail() { FAILS=$((FAILS + 1));   printf 'FAIL  %-32s %s\n' "$1" "$2"; }

# --- OpenSSL wrappers (return openssl's status; stderr kept in $WORK/err) ------

# decrypt <in> <out> <key/cert basename>
decrypt() {
  openssl cms -decrypt -binary -in "$1" -out "$2" \
    -inkey "$3.key.pem" -recip "$3.cert.pem" 2>"$WORK/err"
}

# verify <in> <out> <signer cert out> [extra openssl options]
# Verifies twice: with -binary -crlfeol (content taken byte for byte) and in
# OpenSSL's default text mode (content canonicalised to CRLF). Both must agree
# and yield the same content, otherwise the fixture is not canonical.
# (-binary alone is wrong for CRLF mail: OpenSSL's multipart splitter then
# keeps the CR of the CRLF that belongs to the boundary.)
verify() {
  local in="$1" out="$2" signer="$3" rc1=0 rc2=0
  shift 3
  openssl cms -verify -binary -crlfeol -CAfile "$CA_CERT" -in "$in" -out "$out" \
    -signer "$signer" "$@" 2>"$WORK/err" || rc1=$?
  openssl cms -verify -CAfile "$CA_CERT" -in "$in" -out "$WORK/text-mode.out" \
    "$@" 2>"$WORK/err2" || rc2=$?
  if [ "$rc1" -ne "$rc2" ]; then
    echo "binary and text mode verification disagree ($rc1 / $rc2)" >>"$WORK/err"
    return 99
  fi
  if [ "$rc1" -eq 0 ] && ! cmp -s "$out" "$WORK/text-mode.out"; then
    echo "binary and text mode content differ" >>"$WORK/err"
    return 98
  fi
  return "$rc1"
}

# header_block <file>: the first header block, CR removed
header_block() { perl -0777 -ne 's/\r//g; my ($h) = split /\n\n/, $_, 2; print "$h\n"' "$1"; }

# body_after_headers <file>: everything after the first blank line, CR removed
body_after_headers() { perl -0777 -ne 's/\r//g; my (undef, $b) = split /\n\n/, $_, 2; print $b' "$1"; }

err_summary() { grep -v '^ *$' "$WORK/err" | tail -n 1 | sed 's/^[0-9A-F]*:error:[0-9A-F]*://' | cut -c1-110; }

cert_email() {
  { openssl x509 -in "$1" -noout -ext subjectAltName 2>/dev/null || true; } \
    | sed -n 's/.*email:\([^, ]*\).*/\1/p'
}

from_address() {
  header_block "$1" | sed -n 's/^From:.*<\([^>]*\)>.*/\1/p'
}

# cms_print <in>: the CMS structure as printed by OpenSSL
cms_print() { openssl cms -cmsout -print -in "$1" 2>/dev/null; }

# --- Checks ------------------------------------------------------------------

# check_message <name>: RFC 5322 / SMTP readiness of <name>.eml
check_message() {
  local name="$1" f="$1.eml" problems=""
  [ -f "$f" ] || { fail "$name" "file missing"; return; }
  perl -0777 -ne 'exit((/(?<!\r)\n/ || /\r(?!\n)/) ? 1 : 0)' "$f" || problems+=" bare-LF-or-CR;"
  perl -0777 -ne 'exit(/\r\n\z/ ? 0 : 1)' "$f" || problems+=" no-final-CRLF;"
  perl -0777 -ne 'exit(/[^\x00-\x7F]/ ? 1 : 0)' "$f" || problems+=" 8bit;"
  perl -ne 'exit 1 if length($_) > 1000' "$f" || problems+=" line>998;"
  local hdr
  hdr="$(header_block "$f")"
  [ "$(grep -c '^MIME-Version: 1.0$' <<<"$hdr")" = 1 ] || problems+=" MIME-Version-count;"
  [ "$(grep -ci '^Content-Type:' <<<"$hdr")" = 1 ]     || problems+=" Content-Type-count;"
  grep -qx "From: .*<[^>]*>" <<<"$hdr"                    || problems+=" From;"
  grep -qx 'To: notifications@sir-gateway.test' <<<"$hdr" || problems+=" To;"
  grep -qx "Subject: Serious incident notification ($name)" <<<"$hdr" || problems+=" Subject;"
  grep -q '^Date: ' <<<"$hdr"                              || problems+=" Date;"
  grep -qx "Message-ID: <$name@demo-council.test>" <<<"$hdr" || problems+=" Message-ID;"
  [ "$(head -n 1 <<<"$hdr" | cut -d: -f1)" = From ]      || problems+=" header-order;"
  if [ -z "$problems" ]; then
    pass "$name" "message format (CRLF, 7bit, one header block, one MIME-Version)"
  else
    fail "$name" "message format:$problems"
  fi
}

# check_form <name> <file>: innermost entity is the canonical form text
check_form() {
  local name="$1" f="$2"
  if head -c 41 "$f" | cmp -s - <(printf 'Content-Type: text/plain; charset=UTF-8\r\n') \
     && grep -q $'^local_authority: Demo Council\r$' "$f" \
     && grep -q "^description: Fixture ${name}, an invented incident." "$f" \
     && perl -0777 -ne 'exit(/(?<!\r)\n/ ? 1 : 0)' "$f"; then
    pass "$name" "innermost text/plain form found (local_authority: Demo Council, CRLF)"
  else
    fail "$name" "innermost content is not the expected form"
  fi
}

# check_cms <name> <file> <regex>...: structure printed by openssl matches
check_cms() {
  local name="$1" f="$2" re
  shift 2
  cms_print "$f" > "$WORK/print" || true
  for re in "$@"; do
    if ! grep -Eq "$re" "$WORK/print"; then
      fail "$name" "CMS structure lacks /$re/"
      return
    fi
  done
  pass "$name" "CMS structure: $*"
}

# check_signer <name> <signer cert> <expected email>
check_signer() {
  local email
  email="$(cert_email "$2")"
  if [ "$email" = "$3" ]; then
    pass "$1" "signer certificate is $email"
  else
    fail "$1" "signer certificate is '$email', expected $3"
  fi
}

# expect_ok <name> <what> <command...>
# (sets LAST_OK to 1 or 0; always returns 0 so that set -e does not stop the run)
LAST_OK=0
expect_ok() {
  local name="$1" what="$2"
  shift 2
  if "$@"; then
    LAST_OK=1; pass "$name" "$what"
  else
    LAST_OK=0; fail "$name" "$what: $(err_summary)"
  fi
}

# expect_fail <name> <what> <regex for the error> <command...>
expect_fail() {
  local name="$1" what="$2" re="$3"
  shift 3
  if "$@"; then
    fail "$name" "$what: unexpectedly succeeded"
  elif grep -Eqi "$re" "$WORK/err"; then
    pass "$name" "$what: fails as intended ($(err_summary))"
  else
    fail "$name" "$what: failed, but not with /$re/: $(err_summary)"
  fi
}

# --- Every message ---------------------------------------------------------------

ALL="enveloped-aes128-rsa enveloped-aes192-rsa enveloped-aes256-rsa enveloped-aes256-rsa-oaep
     enveloped-aes256-ecdh-p256 enveloped-aes256-ecdh-p384 authenveloped-aes256-gcm
     enveloped-to-old-key signed-opaque signed-detached signed-then-encrypted triple-wrapped
     encrypted-to-someone-else signed-by-other-council signed-tampered signed-self-signed
     four-layers malformed-pkcs7"
for n in $ALL; do check_message "$n"; done
if [ "$(cat ./*.eml | tr -d '\r' | grep -i '^Message-ID:' | sort | uniq -d | wc -l)" -eq 0 ]; then
  pass "(all)" "Message-IDs are unique"
else
  fail "(all)" "duplicate Message-IDs"
fi

# --- Enveloped, positive ---------------------------------------------------------

# enveloped_ok <name> <key basename> <cms regex>...
enveloped_ok() {
  local n="$1" key="$2"
  shift 2
  check_cms "$n" "$n.eml" "$@"
  expect_ok "$n" "decrypts with $(basename "$key")" decrypt "$n.eml" "$WORK/$n.out" "$key"
  check_form "$n" "$WORK/$n.out"
}

ENV='contentType: pkcs7-envelopedData \(1\.2\.840\.113549\.1\.7\.3\)'
enveloped_ok enveloped-aes128-rsa "$GW_RSA" "$ENV" 'rsaEncryption' 'aes-128-cbc'
enveloped_ok enveloped-aes192-rsa "$GW_RSA" "$ENV" 'rsaEncryption' 'aes-192-cbc'
enveloped_ok enveloped-aes256-rsa "$GW_RSA" "$ENV" 'rsaEncryption' 'aes-256-cbc'
enveloped_ok enveloped-aes256-rsa-oaep "$GW_RSA" "$ENV" 'rsaesOaep' 'aes-256-cbc'
enveloped_ok enveloped-aes256-ecdh-p256 "$GW_EC" "$ENV" 'd\.kari' 'dhSinglePass-stdDH' 'aes-256-cbc'
enveloped_ok enveloped-aes256-ecdh-p384 "$GW_EC384" "$ENV" 'd\.kari' 'dhSinglePass-stdDH' 'aes-256-cbc'
enveloped_ok authenveloped-aes256-gcm "$GW_RSA" \
  'contentType: id-smime-ct-authEnvelopedData \(1\.2\.840\.113549\.1\.9\.16\.1\.23\)' 'rsaEncryption' 'aes-256-gcm'
enveloped_ok enveloped-to-old-key "$GW_OLD" "$ENV" 'rsaEncryption' 'aes-256-cbc'
expect_fail enveloped-to-old-key "current gateway-rsa key" 'decrypt' \
  decrypt enveloped-to-old-key.eml "$WORK/x" "$GW_RSA"

n=enveloped-aes256-ecdh-p384
if openssl x509 -in gateway-ec384.cert.pem -noout -text | grep 'NIST CURVE: P-384' >/dev/null \
   && openssl verify -CAfile "$CA_CERT" gateway-ec384.cert.pem >/dev/null 2>&1; then
  pass "$n" "gateway-ec384.cert.pem is P-384 and chains to the example CA"
else
  fail "$n" "gateway-ec384.cert.pem is not a CA-signed P-384 certificate"
fi
if openssl pkcs12 -in gateway-ec384.p12 -passin pass:changeit -info -noout 2>&1 \
     | grep 'PBES2, PBKDF2, AES-256-CBC' >/dev/null \
   && openssl pkcs12 -in gateway-ec384.p12 -passin pass:changeit -nokeys -clcerts 2>/dev/null \
     | grep 'friendlyName: gateway-ec384' >/dev/null; then
  pass "$n" "gateway-ec384.p12: alias gateway-ec384, AES-256-CBC PBES2"
else
  fail "$n" "gateway-ec384.p12 alias or encryption wrong"
fi
if command -v keytool >/dev/null; then
  if keytool -list -keystore gateway-ec384.p12 -storetype PKCS12 -storepass changeit 2>&1 \
       | grep '^gateway-ec384, .*PrivateKeyEntry' >/dev/null; then
    pass "$n" "keytool (Java KeyStore PKCS12) loads gateway-ec384.p12"
  else
    fail "$n" "keytool cannot load gateway-ec384.p12"
  fi
fi

# --- Signed, positive --------------------------------------------------------------

n=signed-opaque
check_cms "$n" "$n.eml" 'contentType: pkcs7-signedData' 'sha256'
expect_ok "$n" "signature verifies against the example CA" verify "$n.eml" "$WORK/$n.out" "$WORK/$n.signer"
check_signer "$n" "$WORK/$n.signer" "$DEMO_EMAIL"
check_form "$n" "$WORK/$n.out"

n=signed-detached
expect_ok "$n" "signature verifies against the example CA" verify "$n.eml" "$WORK/$n.out" "$WORK/$n.signer"
check_signer "$n" "$WORK/$n.signer" "$DEMO_EMAIL"
check_form "$n" "$WORK/$n.out"

# --- Layered, positive ---------------------------------------------------------------

n=signed-then-encrypted
expect_ok "$n" "layer 1 (enveloped) decrypts with gateway-rsa" decrypt "$n.eml" "$WORK/$n.l1" "$GW_RSA"
if grep -q '^Content-Type: multipart/signed' "$WORK/$n.l1"; then
  pass "$n" "layer 2 is multipart/signed"
else
  fail "$n" "layer 2 is not multipart/signed"
fi
expect_ok "$n" "layer 2 signature verifies" verify "$WORK/$n.l1" "$WORK/$n.l2" "$WORK/$n.signer"
check_signer "$n" "$WORK/$n.signer" "$DEMO_EMAIL"
check_form "$n" "$WORK/$n.l2"

n=triple-wrapped
expect_ok "$n" "layer 1 (outer multipart/signed) verifies" verify "$n.eml" "$WORK/$n.l1" "$WORK/$n.s1"
check_signer "$n" "$WORK/$n.s1" "$DEMO_EMAIL"
expect_ok "$n" "layer 2 (enveloped) decrypts with gateway-rsa" decrypt "$WORK/$n.l1" "$WORK/$n.l2" "$GW_RSA"
expect_ok "$n" "layer 3 (inner multipart/signed) verifies" verify "$WORK/$n.l2" "$WORK/$n.l3" "$WORK/$n.s3"
check_signer "$n" "$WORK/$n.s3" "$DEMO_EMAIL"
check_form "$n" "$WORK/$n.l3"

# --- Negative ----------------------------------------------------------------------------

n=encrypted-to-someone-else
expect_fail "$n" "gateway-rsa key" 'no matching recipient|decrypt' decrypt "$n.eml" "$WORK/x" "$GW_RSA"
expect_fail "$n" "gateway-rsa-old key" 'no matching recipient|decrypt' decrypt "$n.eml" "$WORK/x" "$GW_OLD"
expect_fail "$n" "gateway-ec key" 'no matching recipient|decrypt' decrypt "$n.eml" "$WORK/x" "$GW_EC"
expect_ok "$n" "(control) decrypts with second-council key" decrypt "$n.eml" "$WORK/$n.out" "$SECOND"
check_form "$n" "$WORK/$n.out"

n=signed-by-other-council
expect_ok "$n" "signature itself verifies against the example CA" verify "$n.eml" "$WORK/$n.out" "$WORK/$n.signer"
check_form "$n" "$WORK/$n.out"
if [ "$(cert_email "$WORK/$n.signer")" = "cjsw@second-council.test" ] \
   && [ "$(from_address "$n.eml")" = "$DEMO_EMAIL" ]; then
  pass "$n" "signer cjsw@second-council.test != From $DEMO_EMAIL (sender mismatch)"
else
  fail "$n" "signer/From combination is not the intended mismatch"
fi

n=signed-tampered
expect_fail "$n" "verify against the example CA" 'content verify error|verification failure' \
  verify "$n.eml" "$WORK/x" "$WORK/x.signer"
expect_fail "$n" "verify without chain check (-noverify)" 'content verify error|verification failure' \
  verify "$n.eml" "$WORK/x" "$WORK/x.signer" -noverify

n=signed-self-signed
expect_fail "$n" "verify against the example CA" 'self.signed certificate' \
  verify "$n.eml" "$WORK/x" "$WORK/x.signer"
expect_ok "$n" "(control) signature itself is intact (-noverify)" \
  verify "$n.eml" "$WORK/$n.out" "$WORK/$n.signer" -noverify
check_signer "$n" "$WORK/$n.signer" "$DEMO_EMAIL"
check_form "$n" "$WORK/$n.out"

n=four-layers
layers=0
expect_ok "$n" "layer 1 (enveloped) decrypts" decrypt "$n.eml" "$WORK/$n.l1" "$GW_RSA"
layers=$((layers + LAST_OK))
expect_ok "$n" "layer 2 (opaque signed) verifies" verify "$WORK/$n.l1" "$WORK/$n.l2" "$WORK/$n.s2"
layers=$((layers + LAST_OK))
check_signer "$n" "$WORK/$n.s2" "$DEMO_EMAIL"
expect_ok "$n" "layer 3 (enveloped) decrypts" decrypt "$WORK/$n.l2" "$WORK/$n.l3" "$GW_RSA"
layers=$((layers + LAST_OK))
expect_ok "$n" "layer 4 (opaque signed) verifies" verify "$WORK/$n.l3" "$WORK/$n.l4" "$WORK/$n.s4"
layers=$((layers + LAST_OK))
check_signer "$n" "$WORK/$n.s4" "$DEMO_EMAIL"
check_form "$n" "$WORK/$n.l4"
if [ "$layers" -eq 4 ]; then
  pass "$n" "exactly 4 S/MIME layers, one more than a triple wrap"
else
  fail "$n" "only $layers layers could be unwrapped"
fi

n=malformed-pkcs7
expect_fail "$n" "decrypt with gateway-rsa" 'asn1|error reading' decrypt "$n.eml" "$WORK/x" "$GW_RSA"
if ! cms_print "$n.eml" >/dev/null \
   && [ "$(body_after_headers "$n.eml" | openssl base64 -d | wc -c)" -eq 512 ]; then
  pass "$n" "valid base64 (512 bytes) that is not a CMS ContentInfo"
else
  fail "$n" "body is not 512 bytes of base64-decodable non-CMS data"
fi

# --- Summary --------------------------------------------------------------------------------

echo
echo "Top-level Content-Type of each fixture:"
for n in $ALL; do
  printf '  %-32s %s\n' "$n.eml" \
    "$(header_block "$n.eml" | grep -i '^Content-Type:' | sed 's/; boundary=.*//' | cut -c15-)"
done
echo
echo "$PASSES checks passed, $FAILS failed."
[ "$FAILS" -eq 0 ]
