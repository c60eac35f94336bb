#!/usr/bin/env bash
# Regenerates the TEST-ONLY certificates the LXCA simulator serves.
# Their private keys are public on purpose: they protect nothing but loopback
# test traffic. Never trust simulator-ca.pem outside tests and demos.
set -euo pipefail
cd "$(dirname "$0")/../src/simulator/certs"
days=36500
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

make_ca() { # name, subject
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days $days \
    -subj "$2" -keyout "$1-key.pem" -out "$1.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}
make_leaf() { # name, subject, subjectAltName
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "$2" \
    -keyout "$1-key.pem" -out "$tmp/$1.csr" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$3" > "$tmp/$1.ext"
  openssl x509 -req -in "$tmp/$1.csr" -CA simulator-ca.pem -CAkey simulator-ca-key.pem \
    -CAcreateserial -CAserial "$tmp/ca.srl" -days $days -extfile "$tmp/$1.ext" -out "$1.pem" 2>/dev/null
}

make_ca simulator-ca "/O=LXCA simulator (test only)/CN=LXCA Simulator Test CA"
make_ca unrelated-ca "/O=Unrelated (test only)/CN=Unrelated Test CA"
# What the simulator serves by default: valid for every loopback name.
rm -f unrelated-ca-key.pem
make_leaf loopback "/CN=localhost" "DNS:localhost,IP:127.0.0.1,IP:::1,DNS:lxca.internal"
# Like a real appliance reached by IP: the certificate names only the appliance's host name.
make_leaf named "/CN=lxca.internal" "DNS:lxca.internal"
# The LXCA factory default: a self-signed certificate nobody issued.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days $days \
  -subj "/CN=lxca-selfsigned" -keyout selfsigned-key.pem -out selfsigned.pem \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
# Issued by the simulator CA, for loopback, but expired in 2021: trusted or not, it must be refused.
make_expired_leaf() { # name
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
    -keyout "$1-key.pem" -out "$tmp/$1.csr" 2>/dev/null
  touch "$tmp/index.txt"
  cat > "$tmp/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
database = $tmp/index.txt
new_certs_dir = $tmp
serial = $tmp/expired.srl
default_md = sha256
policy = any
copy_extensions = none
x509_extensions = leaf
[any]
commonName = supplied
[leaf]
subjectAltName = DNS:localhost,IP:127.0.0.1
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
CNF
  echo 01 > "$tmp/expired.srl"
  openssl ca -batch -config "$tmp/ca.cnf" -cert simulator-ca.pem -keyfile simulator-ca-key.pem \
    -startdate 20200101000000Z -enddate 20210101000000Z -notext -in "$tmp/$1.csr" -out "$1.pem" 2>/dev/null
}
make_expired_leaf expired
echo "certificates written to $(pwd)"
