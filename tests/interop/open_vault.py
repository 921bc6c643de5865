"""Open an Attune vault with an independent SQLCipher 4 (PyPI sqlcipher3) and the raw data key.

Usage: open_vault.py VAULT_DB KEY_HEX   -> prints the provider name and the page check.
       open_vault.py VAULT_DB            -> tries without a key; must fail.
"""
import sys

import sqlcipher3

db = sqlcipher3.connect(sys.argv[1])
if len(sys.argv) > 2:
    db.execute(f"PRAGMA key = \"x'{sys.argv[2]}'\"")
    # Attune's vaults authenticate pages with HMAC-SHA256 (SQLCipher 4's default is SHA-512).
    db.execute("PRAGMA cipher_hmac_algorithm = HMAC_SHA256")
try:
    (name,) = db.execute("SELECT provider_name FROM practice WHERE id = 1").fetchone()
except sqlcipher3.DatabaseError as e:
    print(f"refused: {e}")
    sys.exit(1)
problems = db.execute("PRAGMA cipher_integrity_check").fetchall()
(version,) = db.execute("PRAGMA cipher_version").fetchone()
print(f"provider={name}")
print(f"cipher_problems={len(problems)}")
print(f"cipher_version={version}")
