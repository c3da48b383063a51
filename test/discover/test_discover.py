#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The netdma authors

"""Tests of netdma-discover: one case per run, named on the command line.

    test_discover.py --exe BUILD/app/discover/netdma-discover \
        --data test/discover/data CASE

Exit 0 on pass, 1 on failure, 77 (meson's "skipped") when a case cannot run.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
PROG = 'netdma-discover'
SIGNATURE = b'NETDMA01'

# Every ID the tool must call a CBDMA generation netdma drives.
CBDMA_IDS = {}
for gen, ids in {
    'CBDMA v3.0 TBG': list(range(0x3429, 0x342d)) + list(range(0x3430, 0x3434)),
    'CBDMA v3.2 JSF': range(0x3710, 0x371a),
    'CBDMA v3.2 SNB': list(range(0x3c20, 0x3c28)) + [0x3c2e, 0x3c2f],
    'CBDMA v3.2 IVB': list(range(0x0e20, 0x0e28)) + [0x0e2e, 0x0e2f],
    'CBDMA v3.2 HSW': list(range(0x2f20, 0x2f28)) + [0x2f2e, 0x2f2f],
    'CBDMA v3.2 BDX': list(range(0x6f20, 0x6f28)) + [0x6f2e, 0x6f2f],
    'CBDMA v3.2 SKX': [0x2021],
    'CBDMA v3.3 BWD': range(0x0c50, 0x0c54),
    'CBDMA v3.3 BDX-DE': range(0x6f50, 0x6f54),
    'CBDMA v3.4 ICX': [0x0b00],
}.items():
    for i in ids:
        CBDMA_IDS[('8086', '%04x' % i)] = gen

# Known engines netdma does not drive: (vendor, device) -> kind.
OTHER_IDS = {
    ('8086', '1a38'): 'ioat-v1v2', ('8086', '360b'): 'ioat-v1v2',
    ('8086', '65ff'): 'ioat-v1v2', ('8086', '402f'): 'ioat-v1v2',
    ('8086', '0b25'): 'dsa', ('8086', '11fb'): 'dsa', ('8086', '1212'): 'dsa',
    ('8086', '0cfe'): 'iaa', ('8086', '1216'): 'iaa', ('8086', 'b02d'): 'iaa',
    ('1022', '1498'): 'ptdma', ('1022', '149b'): 'ae4dma',
    ('1022', '14c8'): 'ae4dma', ('1022', '14dc'): 'ae4dma',
    ('19e5', 'a122'): 'hisi-dma', ('177d', 'a081'): 'cnxk-dma',
}


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


class Ctx:
    def __init__(self, exe, data):
        self.exe = exe
        self.data = data

    def dump(self, name):
        return os.path.join(self.data, name)

    def run(self, *args):
        p = subprocess.run([self.exe] + list(args), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True,
                           timeout=60)
        return p.returncode, p.stdout, p.stderr

    def run_json(self, *args):
        rc, out, err = self.run('--json', *args)
        # The JSON must satisfy python's own validator, as a user would run it.
        v = subprocess.run([sys.executable, '-m', 'json.tool'], input=out,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True)
        check(v.returncode == 0, 'json.tool rejects the output: %s' % v.stderr)
        return rc, json.loads(out), err


def by_addr(doc):
    return {d['address']: d for d in doc['devices']}


def expect_none_line(rc, err, words):
    """Exit 2 with exactly one stderr line that holds every word."""
    check(rc == 2, 'exit %d, expected 2' % rc)
    lines = err.splitlines()
    check(len(lines) == 1, 'stderr should be one line, got %r' % err)
    check(lines[0].startswith(PROG + ': '), 'reason line %r' % lines[0])
    for w in words:
        check(w in lines[0], '%r not in reason %r' % (w, lines[0]))
    return lines[0]


def expect_devices(doc, expected):
    """expected: address -> (generation, driven)."""
    got = {a: (d['generation'], d['netdma']['driven']) for a, d in by_addr(doc).items()}
    check(got == expected, 'devices differ:\n got %r\nwant %r' % (got, expected))


# ---- cases -----------------------------------------------------------------

def case_list_known(c):
    rc, doc, err = c.run_json('--list-known')
    check(rc == 0 and err == '', 'exit %d, stderr %r' % (rc, err))
    seen = {}
    for e in doc:
        for i in range(int(e['first_device_id'], 16), int(e['last_device_id'], 16) + 1):
            key = (e['vendor_id'], '%04x' % i)
            check(key not in seen, 'ID %s:%s listed twice' % key)
            seen[key] = e
    for key, gen in CBDMA_IDS.items():
        check(key in seen, 'CBDMA ID %s:%s missing' % key)
        check(seen[key]['generation'] == gen and seen[key]['support'] == 'yes',
              '%s:%s: %r' % (key + (seen[key],)))
    for key, kind in OTHER_IDS.items():
        check(key in seen, 'ID %s:%s missing' % key)
        check(seen[key]['kind'] == kind and seen[key]['support'] == 'no'
              and seen[key]['why_not'], '%s:%s: %r' % (key + (seen[key],)))
    iv = seen.get(('1af4', '1110'))
    check(iv is not None and iv['support'] == 'if-signed', 'ivshmem entry %r' % iv)
    extra = set(seen) - set(CBDMA_IDS) - set(OTHER_IDS) - {('1af4', '1110')}
    check(not extra, 'unexpected IDs %r' % sorted(extra))
    rc, out, err = c.run('--list-known')
    check(rc == 0 and '8086:2021' in out and 'CBDMA v3.4 ICX' in out, 'text table')


def case_dump_skx(c):
    rc, doc, err = c.run_json('--dump', c.dump('skx-8cbdma-dsa-nic.lspci'))
    check(rc == 0 and err == '', 'exit %d, stderr %r' % (rc, err))
    want = {'0000:00:04.%d' % f: ('CBDMA v3.2 SKX', True) for f in range(8)}
    want['0000:6a:01.0'] = ('DSA SPR', False)
    expect_devices(doc, want)
    d = by_addr(doc)
    check(d['0000:00:04.0']['kind'] == 'cbdma' and d['0000:6a:01.0']['kind'] == 'dsa', 'kinds')
    check(d['0000:00:04.3']['vendor_id'] == '8086' and d['0000:00:04.3']['device_id'] == '2021'
          and d['0000:00:04.3']['class'] == '088000', 'ids/class')
    check(not d['0000:00:04.0']['sysfs'] and d['0000:00:04.0']['driver'] is None
          and d['0000:00:04.0']['vfio']['state'] == 'unknown', 'no sysfs for a dump')
    check('portal' in d['0000:6a:01.0']['netdma']['reason'], 'DSA reason')
    check(doc['source']['kind'] == 'dump' and doc['source']['pci_functions'] == 13, 'source')
    check(doc['summary'] == {'dma_engines': 9, 'drivable': 8, 'ready': 0, 'reason': None},
          'summary %r' % doc['summary'])
    check(doc['hugepages'] is None, 'hugepages of another machine reported')
    rc, out, err = c.run('--dump', c.dump('skx-8cbdma-dsa-nic.lspci'))
    check(rc == 0 and err == '', 'text: exit %d' % rc)
    check('9 DMA engines, 8 netdma can drive.' in out, 'text summary')
    check('0000:00:05.0' not in out and '18:00.0' not in out, 'non-DMA functions listed')


def case_dump_icx(c):
    rc, doc, err = c.run_json('--dump', c.dump('icx-16cbdma.lspci'))
    check(rc == 0 and err == '', 'exit %d, stderr %r' % (rc, err))
    want = {'0000:%02x:01.%d' % (b, f): ('CBDMA v3.4 ICX', True)
            for b in (0x00, 0x80) for f in range(8)}
    expect_devices(doc, want)
    check(doc['source']['pci_functions'] == 19, 'functions %r' % doc['source'])


def case_dump_none(c):
    rc, doc, err = c.run_json('--dump', c.dump('vm-no-dma.lspci'))
    expect_none_line(rc, err, ['no DMA engine found', '6 PCI functions'])
    check(doc['devices'] == [] and doc['summary']['drivable'] == 0
          and 'no DMA engine found' in doc['summary']['reason'], 'summary')
    rc, out, err = c.run('--dump', c.dump('vm-no-dma.lspci'))
    expect_none_line(rc, err, ['no DMA engine found'])
    check('0 DMA engines, 0 netdma can drive.' in out, 'text summary')


def case_dump_dsa_iaa(c):
    rc, doc, err = c.run_json('--dump', c.dump('spr-dsa-iaa.lspci'))
    expect_none_line(rc, err, ['no device netdma can drive', '4 DMA engines',
                               '0000:6a:01.0 DSA SPR', '0000:e7:02.0 IAA SPR'])
    expect_devices(doc, {'0000:6a:01.0': ('DSA SPR', False), '0000:6a:02.0': ('IAA SPR', False),
                         '0000:e7:01.0': ('DSA SPR', False), '0000:e7:02.0': ('IAA SPR', False)})


def case_dump_other(c):
    rc, doc, err = c.run_json('--dump', c.dump('other-engines.lspci'))
    expect_none_line(rc, err, ['no device netdma can drive', '8 DMA engines'])
    kinds = {a: (d['kind'], d['netdma']['driven']) for a, d in by_addr(doc).items()}
    check(kinds == {
        '0000:00:0f.0': ('ioat-v1v2', False), '0000:03:00.2': ('ptdma', False),
        '0000:44:00.1': ('ae4dma', False), '0000:45:00.1': ('ae4dma', False),
        '0000:46:00.1': ('ae4dma', False), '0000:74:00.0': ('hisi-dma', False),
        '0000:81:00.0': ('cnxk-dma', False), '0000:82:00.0': ('unknown', False),
    }, 'kinds %r' % kinds)
    check(by_addr(doc)['0000:82:00.0']['class'] == '080100', 'class-only device')


def case_dump_ivshmem(c):
    rc, doc, err = c.run_json('--dump', c.dump('vm-ivshmem.lspci'))
    expect_none_line(rc, err, ['no device netdma can drive', '0000:00:03.0 ivshmem'])
    d = by_addr(doc)['0000:00:03.0']
    check(d['kind'] == 'ivshmem' and d['support'] == 'if-signed', 'ivshmem %r' % d)
    check(d['signature']['state'] == 'unreadable' and d['signature']['expected'] == 'NETDMA01',
          'signature %r' % d['signature'])
    check(d['name'] == 'ivshmem (netdma-emulated CBDMA if signed)', 'name %r' % d['name'])


# ---- fake sysfs trees ------------------------------------------------------

def mkfile(path, content):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb' if isinstance(content, bytes) else 'w') as f:
        f.write(content)


def mklink(path, target):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.symlink(target, path)


def fake_device(sys_root, bdf, driver=None, group=None, numa=None):
    d = os.path.join(sys_root, 'bus/pci/devices', bdf)
    os.makedirs(d)
    if driver:
        os.makedirs(os.path.join(sys_root, 'bus/pci/drivers', driver), exist_ok=True)
        mklink(os.path.join(d, 'driver'), '../../../../bus/pci/drivers/' + driver)
    if group is not None:
        os.makedirs(os.path.join(sys_root, 'kernel/iommu_groups', str(group)), exist_ok=True)
        mklink(os.path.join(d, 'iommu_group'), '../../../../kernel/iommu_groups/%s' % group)
    if numa is not None:
        mkfile(os.path.join(d, 'numa_node'), '%d\n' % numa)
    return d


def fake_pools(sys_root, pools):
    """pools: size_kb -> {node: (total, free)}"""
    for kb, nodes in pools.items():
        tot = sum(t for t, f in nodes.values())
        free = sum(f for t, f in nodes.values())
        base = os.path.join(sys_root, 'kernel/mm/hugepages/hugepages-%dkB' % kb)
        for name, v in (('nr_hugepages', tot), ('free_hugepages', free),
                        ('surplus_hugepages', 0), ('resv_hugepages', 0)):
            mkfile(os.path.join(base, name), '%d\n' % v)
        for n, (t, f) in nodes.items():
            nb = os.path.join(sys_root, 'devices/system/node/node%d/hugepages/hugepages-%dkB' % (n, kb))
            mkfile(os.path.join(nb, 'nr_hugepages'), '%d\n' % t)
            mkfile(os.path.join(nb, 'free_hugepages'), '%d\n' % f)


def case_sysfs_skx(c):
    with tempfile.TemporaryDirectory() as tmp:
        sysr, devr = os.path.join(tmp, 'sys'), os.path.join(tmp, 'dev')
        os.makedirs(os.path.join(devr, 'vfio'))
        fake_device(sysr, '0000:00:04.0', 'ioatdma', 20, 0)
        fake_device(sysr, '0000:00:04.1', 'vfio-pci', 21, 0)
        mkfile(os.path.join(devr, 'vfio/21'), '')
        fake_device(sysr, '0000:00:04.2', 'vfio-pci', 22, 1)   # node missing
        fake_device(sysr, '0000:00:04.3', None, None, -1)       # no IOMMU group
        fake_device(sysr, '0000:6a:01.0', 'idxd', 30, 0)
        fake_pools(sysr, {2048: {0: (512, 500), 1: (512, 512)}, 1048576: {0: (0, 0), 1: (0, 0)}})
        rc, doc, err = c.run_json('--dump', c.dump('skx-8cbdma-dsa-nic.lspci'),
                                  '--sysfs-root', sysr, '--dev-root', devr)
        check(rc == 0 and err == '', 'exit %d, stderr %r' % (rc, err))
        d = by_addr(doc)
        got = {a: (x['driver'], x['iommu_group'], x['numa_node'], x['vfio']['state'],
                   x['vfio']['module'])
               for a, x in d.items() if x['sysfs']}
        want = {
            '0000:00:04.0': ('ioatdma', '20', 0, 'bindable', 'loaded'),
            '0000:00:04.1': ('vfio-pci', '21', 0, 'ready', 'loaded'),
            '0000:00:04.2': ('vfio-pci', '22', 1, 'unavailable', 'loaded'),
            '0000:00:04.3': (None, None, None, 'unavailable', 'loaded'),
            '0000:6a:01.0': ('idxd', '30', 0, 'bindable', 'loaded'),
        }
        check(got == want, 'sysfs fields:\n got %r\nwant %r' % (got, want))
        check(d['0000:00:04.1']['vfio']['group_node'] == os.path.join(devr, 'vfio/21'), 'node')
        check(d['0000:00:04.1']['netdma']['ready'] and not d['0000:00:04.0']['netdma']['ready'],
              'ready flags')
        check('dpdk-devbind.py -b vfio-pci 0000:00:04.0' in d['0000:00:04.0']['vfio']['reason'],
              'bind hint')
        check('no IOMMU group' in d['0000:00:04.3']['vfio']['reason'], 'no-group reason')
        check(not d['0000:00:04.5']['sysfs'] and d['0000:00:04.5']['vfio']['state'] == 'unknown',
              'device absent from the tree')
        check(doc['summary']['ready'] == 1, 'summary %r' % doc['summary'])
        h = doc['hugepages']
        check(h is not None and h['mounts'] is None, 'hugepages %r' % h)
        pools = [(p['size_kb'], p['total'], p['free'], [(n['node'], n['total'], n['free'])
                  for n in p['nodes']]) for p in h['pools']]
        check(pools == [(2048, 1024, 1012, [(0, 512, 500), (1, 512, 512)]),
                        (1048576, 0, 0, [(0, 0, 0), (1, 0, 0)])], 'pools %r' % pools)
        rc, out, err = c.run('--dump', c.dump('skx-8cbdma-dsa-nic.lspci'),
                             '--sysfs-root', sysr, '--dev-root', devr)
        check(rc == 0 and '8 netdma can drive, 1 ready for vfio.' in out, 'text summary')
        check('node 1' in out and '2 MiB' in out, 'text hugepages')


def case_sysfs_noiommu(c):
    with tempfile.TemporaryDirectory() as tmp:
        sysr, devr = os.path.join(tmp, 'sys'), os.path.join(tmp, 'dev')
        os.makedirs(os.path.join(devr, 'vfio'))
        mkfile(os.path.join(sysr, 'module/vfio/parameters/enable_unsafe_noiommu_mode'), 'Y\n')
        os.makedirs(os.path.join(sysr, 'module/vfio_pci'))
        fake_device(sysr, '0000:00:04.0', None, None, 0)
        fake_device(sysr, '0000:00:04.1', 'vfio-pci', 3, 0)
        mkfile(os.path.join(devr, 'vfio/noiommu-3'), '')
        rc, doc, err = c.run_json('--dump', c.dump('skx-8cbdma-dsa-nic.lspci'),
                                  '--sysfs-root', sysr, '--dev-root', devr)
        check(rc == 0, 'exit %d' % rc)
        d = by_addr(doc)
        check(d['0000:00:04.0']['vfio']['state'] == 'bindable' and d['0000:00:04.0']['vfio']['noiommu']
              and 'no-IOMMU' in d['0000:00:04.0']['vfio']['reason'], 'noiommu bindable %r' % d['0000:00:04.0']['vfio'])
        check(d['0000:00:04.1']['vfio']['state'] == 'ready'
              and d['0000:00:04.1']['vfio']['group_node'].endswith('/vfio/noiommu-3'), 'noiommu ready')
    with tempfile.TemporaryDirectory() as tmp:
        sysr = os.path.join(tmp, 'sys')
        fake_device(sysr, '0000:00:04.0', 'ioatdma', 20, 0)   # no vfio-pci anywhere
        rc, doc, err = c.run_json('--dump', c.dump('skx-8cbdma-dsa-nic.lspci'), '--sysfs-root', sysr)
        v = by_addr(doc)['0000:00:04.0']['vfio']
        check(v['module'] == 'missing' and v['state'] == 'unavailable', 'no module %r' % v)


def ivshmem_run(c, bar2):
    with tempfile.TemporaryDirectory() as tmp:
        sysr = os.path.join(tmp, 'sys')
        d = fake_device(sysr, '0000:00:03.0', 'vfio-pci', 7, -1)
        os.makedirs(os.path.join(tmp, 'dev/vfio'))
        mkfile(os.path.join(tmp, 'dev/vfio/7'), '')
        if bar2 is not None:
            mkfile(os.path.join(d, 'resource2'), bar2)
        return c.run_json('--dump', c.dump('vm-ivshmem.lspci'), '--sysfs-root', sysr,
                          '--dev-root', os.path.join(tmp, 'dev'))


def case_ivshmem_signed(c):
    rc, doc, err = ivshmem_run(c, SIGNATURE + bytes(4096 - len(SIGNATURE)))
    check(rc == 0 and err == '', 'exit %d, stderr %r' % (rc, err))
    d = by_addr(doc)['0000:00:03.0']
    check(d['netdma']['driven'] and d['netdma']['ready'], 'verdict %r' % d['netdma'])
    check(d['signature']['state'] == 'match' and d['signature']['value'] == '0x3130414d4454454e',
          'signature %r' % d['signature'])
    check(d['numa_node'] is None and d['driver'] == 'vfio-pci', 'fields')


def case_ivshmem_unsigned(c):
    rc, doc, err = ivshmem_run(c, b'NETDMA00' + bytes(56))
    expect_none_line(rc, err, ['0000:00:03.0 ivshmem', 'not "NETDMA01"'])
    s = by_addr(doc)['0000:00:03.0']['signature']
    check(s['state'] == 'mismatch' and s['value'] == '0x3030414d4454454e', 'signature %r' % s)
    rc, doc, err = ivshmem_run(c, b'NETD')
    expect_none_line(rc, err, ['smaller than the signature'])
    rc, doc, err = ivshmem_run(c, None)
    expect_none_line(rc, err, ['cannot read BAR2'])


def case_live_sysfs_tree(c):
    """No --dump: libpci itself reads a (fake) sysfs tree."""
    cfg = bytearray()
    with open(c.dump('skx-8cbdma-dsa-nic.lspci')) as f:
        block = f.read().split('\n\n')[1].splitlines()
    check(block[0].startswith('00:04.0 '), 'dump layout')
    for line in block[1:]:
        cfg += bytes(int(x, 16) for x in line.split(':', 1)[1].split())
    with tempfile.TemporaryDirectory() as tmp:
        d = fake_device(tmp, '0000:00:04.0', 'ioatdma', 9, 1)
        mkfile(os.path.join(d, 'config'), bytes(cfg))
        for name, v in (('vendor', '0x8086'), ('device', '0x2021'), ('class', '0x088000')):
            mkfile(os.path.join(d, name), v + '\n')
        rc, doc, err = c.run_json('--sysfs-root', tmp)
        check(rc == 0 and err == '', 'exit %d, stderr %r' % (rc, err))
        expect_devices(doc, {'0000:00:04.0': ('CBDMA v3.2 SKX', True)})
        x = doc['devices'][0]
        check((x['driver'], x['iommu_group'], x['numa_node']) == ('ioatdma', '9', 1),
              'libpci fields %r' % x)


def case_lspci_parses(c):
    """Each dump is what lspci itself reads, and the tool saw every function."""
    lspci = shutil.which('lspci') or ('/usr/bin/lspci' if os.path.exists('/usr/bin/lspci') else None)
    if lspci is None:
        print('lspci not installed')
        return SKIP
    names = sorted(n for n in os.listdir(c.data) if n.endswith('.lspci'))
    check(names, 'no dumps')
    for n in names:
        p = subprocess.run([lspci, '-F', c.dump(n), '-n'], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True)
        check(p.returncode == 0 and p.stderr == '', '%s: lspci: %s' % (n, p.stderr))
        rows = [l.split() for l in p.stdout.splitlines()]
        rc, doc, err = c.run_json('--dump', c.dump(n))
        check(rc in (0, 2), '%s: exit %d' % (n, rc))
        check(doc['source']['pci_functions'] == len(rows), '%s: %d functions, lspci %d'
              % (n, doc['source']['pci_functions'], len(rows)))
        ids = {}
        for r in rows:
            addr = r[0] if r[0].count(':') == 2 else '0000:' + r[0]
            ids[addr] = tuple(r[2].split(':'))
        for a, d in by_addr(doc).items():
            check(ids.get(a) == (d['vendor_id'], d['device_id']), '%s: %s differs from lspci' % (n, a))


def case_live(c):
    """This machine: whatever it has, exit code and reason agree with the report."""
    rc, doc, err = c.run_json()
    check(doc['source']['kind'] == 'live', 'source')
    if doc['summary']['drivable'] > 0:
        check(rc == 0 and err == '', 'drivable devices but exit %d' % rc)
    else:
        expect_none_line(rc, err, [])
        check(err.strip() == PROG + ': ' + doc['summary']['reason'], 'reason differs')
    h = doc['hugepages']
    check(h is not None and isinstance(h['pools'], list) and isinstance(h['mounts'], list),
          'hugepages %r' % h)
    if os.path.isdir('/sys/kernel/mm/hugepages'):
        want = sorted(int(n[len('hugepages-'):-2]) for n in os.listdir('/sys/kernel/mm/hugepages'))
        check([p['size_kb'] for p in h['pools']] == want, 'pool sizes')
    rc2, out, err2 = c.run()
    check(rc2 == rc, 'text exit %d, json exit %d' % (rc2, rc))
    check('\nHugepages\n=========\n' in out, 'hugepage section missing:\n' + out)
    check(out.startswith('DMA engines (live PCI bus, '), 'title')


def case_options(c):
    rc, out, err = c.run('--help')
    check(rc == 0 and out.startswith('Usage: ' + PROG) and err == '', '--help')
    for flag in ('--dump FILE', '--sysfs-root DIR', '--json', '--list-known'):
        check(flag in out, 'help lacks %s' % flag)
    rc, out, err = c.run('--version')
    check(rc == 0 and out.startswith(PROG + ' '), '--version')
    for args, words in (
            (['--bogus'], ["unknown option '--bogus'"]),
            (['-x'], ["unknown option '-x'"]),
            (['--json=1'], ["option '--json' takes no argument"]),
            (['--dump'], ["option '--dump' needs an argument"]),
            (['--dump', '/nonexistent/dump'], ["cannot read dump file '/nonexistent/dump'"]),
            (['--dump', c.data], ['is a directory']),
            (['--sysfs-root', c.dump('vm-no-dma.lspci')], ['not a directory']),
            (['stray'], ["unexpected argument 'stray'"])):
        rc, out, err = c.run(*args)
        check(rc == 1, '%r: exit %d' % (args, rc))
        check(len(err.splitlines()) == 1, '%r: stderr %r' % (args, err))
        for w in words:
            check(w in err, '%r: %r not in %r' % (args, w, err))
        check(out == '', '%r: stdout %r' % (args, out))
    with tempfile.NamedTemporaryFile('w', suffix='.lspci') as f:
        f.write('this is not an lspci dump\n')
        f.flush()
        rc, out, err = c.run('--dump', f.name)
        check(rc == 1 and 'holds no PCI function' in err and len(err.splitlines()) == 1,
              'garbage dump: %d %r' % (rc, err))
    with tempfile.NamedTemporaryFile('w', suffix='.lspci') as f:
        f.write('00:04.0 System peripheral: x\n00: 86 80 21 2g\n')
        f.flush()
        rc, out, err = c.run('--dump', f.name)
        check(rc == 1 and err == PROG + ': libpci: dump: Malformed line\n',
              'malformed dump: %d %r' % (rc, err))


CASES = {
    'list-known': case_list_known,
    'dump-skx': case_dump_skx,
    'dump-icx': case_dump_icx,
    'dump-none': case_dump_none,
    'dump-dsa-iaa': case_dump_dsa_iaa,
    'dump-other': case_dump_other,
    'dump-ivshmem': case_dump_ivshmem,
    'sysfs-skx': case_sysfs_skx,
    'sysfs-noiommu': case_sysfs_noiommu,
    'ivshmem-signed': case_ivshmem_signed,
    'ivshmem-unsigned': case_ivshmem_unsigned,
    'live-sysfs-tree': case_live_sysfs_tree,
    'lspci-parses': case_lspci_parses,
    'live': case_live,
    'options': case_options,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--exe', required=True)
    ap.add_argument('--data', required=True)
    ap.add_argument('case', nargs='*', help='cases to run (default: all)')
    a = ap.parse_args()
    c = Ctx(os.path.abspath(a.exe), os.path.abspath(a.data))
    names = a.case or list(CASES)
    failed = skipped = 0
    for n in names:
        if n not in CASES:
            print('unknown case %r (known: %s)' % (n, ', '.join(CASES)))
            return 1
        try:
            r = CASES[n](c)
        except Failure as e:
            print('FAIL %s: %s' % (n, e))
            failed += 1
            continue
        if r == SKIP:
            print('SKIP %s' % n)
            skipped += 1
        else:
            print('PASS %s' % n)
    if failed:
        return 1
    return SKIP if skipped == len(names) else 0


if __name__ == '__main__':
    sys.exit(main())
