#!/usr/bin/env python3
"""net-snmp pass_persist fixture: serves the OIDs listed in a state file that the test rewrites between polls.

State file: one "OID TYPE VALUE" per line (TYPE as pass_persist spells it: integer, counter, counter64, octet...).
It is read again on every request, so the agent always answers with what the test last wrote.
"""
import sys

STATE = sys.argv[1]


def key(oid):
    return tuple(int(p) for p in oid.strip('.').split('.'))


def load():
    rows = {}
    with open(STATE) as f:
        for line in f:
            parts = line.rstrip('\n').split(' ', 2)
            if len(parts) == 3:
                rows[key(parts[0])] = (parts[0], parts[1], parts[2])
    return rows


def reply(row):
    if row is None:
        print('NONE')
    else:
        print('.' + row[0].strip('.'))
        print(row[1])
        print(row[2])


def main():
    while True:
        command = sys.stdin.readline()
        if not command:
            return
        command = command.strip()
        if command == 'PING':
            print('PONG')
        elif command in ('get', 'getnext'):
            wanted = key(sys.stdin.readline().strip())
            rows = load()
            if command == 'get':
                reply(rows.get(wanted))
            else:
                later = sorted(k for k in rows if k > wanted)
                reply(rows[later[0]] if later else None)
        elif command == 'set':
            sys.stdin.readline()
            sys.stdin.readline()
            print('not-writable')
        sys.stdout.flush()


main()
