"""osquery's table specs in SQLite, for the osquery-pack tests.

Reads one JSON request on stdin: {"schema": path to osquery-schema.sql, "queries": {name: sql},
"rows": {table: [row, ...]}, "run": bool}. Loads the schema into an in-memory database, registers
osquery's extra SQL functions (regex_match, split, version_compare, ...) and, for each query, prepares
it with EXPLAIN (an unknown table, column or function fails, as in osquery) and, with "run", runs it
against the rows given. Prints {name: {"error": text} | {"rows": [...]}} as JSON.
"""
import base64
import ipaddress
import json
import re
import socket
import sqlite3
import struct
import sys


def regex_match(value, pattern, index):
    if value is None or pattern is None:
        return None
    m = re.search(pattern, str(value))
    return m.group(int(index)) if m and int(index) <= (m.re.groups or 0) else None


def regex_split(value, pattern, index):
    if value is None:
        return None
    parts = [p for p in re.split(pattern, str(value)) if p != '']
    return parts[int(index)] if 0 <= int(index) < len(parts) else None


def split(value, tokens, index):
    if value is None:
        return None
    parts = [p for p in re.split('[' + re.escape(tokens) + ']', str(value)) if p != '']
    return parts[int(index)] if 0 <= int(index) < len(parts) else None


def version_compare(a, b, *flavor):
    ka = [int(x) if x.isdigit() else x for x in re.split(r'[.\-:~+]', str(a))]
    kb = [int(x) if x.isdigit() else x for x in re.split(r'[.\-:~+]', str(b))]
    return (ka > kb) - (ka < kb)


def inet_aton(ip):
    try:
        return struct.unpack('!I', socket.inet_aton(ip))[0]
    except (OSError, TypeError):
        return None


def in_cidr_block(cidr, ip):
    try:
        return int(ipaddress.ip_address(ip) in ipaddress.ip_network(cidr, strict=False))
    except ValueError:
        return None


FUNCTIONS = [
    ('regex_match', 3, regex_match),
    ('regex_split', 3, regex_split),
    ('split', 3, split),
    ('version_compare', -1, version_compare),
    ('concat', -1, lambda *a: ''.join('' if x is None else str(x) for x in a)),
    ('concat_ws', -1, lambda sep, *a: str(sep).join(str(x) for x in a if x is not None)),
    ('inet_aton', 1, inet_aton),
    ('in_cidr_block', 2, in_cidr_block),
    ('to_base64', 1, lambda s: None if s is None else base64.b64encode(str(s).encode()).decode()),
    ('from_base64', 1, lambda s: None if s is None else base64.b64decode(str(s)).decode(errors='replace')),
    ('conditional_to_base64', 1, lambda s: s if s is None or str(s).isprintable() else base64.b64encode(str(s).encode()).decode()),
    ('community_id_v1', -1, lambda *a: None),
]


def main():
    req = json.load(sys.stdin)
    db = sqlite3.connect(':memory:')
    with open(req['schema'], encoding='utf-8') as f:
        db.executescript(f.read())
    for name, n, fn in FUNCTIONS:
        db.create_function(name, n, fn, deterministic=True)
    for table, rows in req.get('rows', {}).items():
        for row in rows:
            cols = list(row.keys())
            db.execute(
                'INSERT INTO "%s" (%s) VALUES (%s)' % (table, ', '.join('"%s"' % c for c in cols), ', '.join('?' * len(cols))),
                [row[c] for c in cols],
            )
    out = {}
    for name, sql in req['queries'].items():
        try:
            db.execute('EXPLAIN ' + sql).fetchall()
            if req.get('run'):
                cur = db.execute(sql)
                cols = [d[0] for d in cur.description]
                out[name] = {'rows': [dict(zip(cols, r)) for r in cur.fetchall()]}
            else:
                out[name] = {'rows': []}
        except sqlite3.Error as e:
            out[name] = {'error': str(e)}
    json.dump(out, sys.stdout)


main()
