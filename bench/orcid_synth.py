#!/usr/bin/env python3
"""Writes N synthetic ORCID-like v3.0 records (0-3 educations, 0-4 employments,
0-25 works each) into a tar.gz laid out as the public data file, for
bench/orcid_xml.sh.  usage: orcid_synth.py N OUT.tar.gz"""

import io, random, sys, tarfile
n = int(sys.argv[1]); out = sys.argv[2]
random.seed(1)
NS = ('xmlns:record="http://www.orcid.org/ns/record" xmlns:common="http://www.orcid.org/ns/common" '
      'xmlns:activities="http://www.orcid.org/ns/activities" xmlns:employment="http://www.orcid.org/ns/employment" '
      'xmlns:education="http://www.orcid.org/ns/education" xmlns:history="http://www.orcid.org/ns/history" '
      'xmlns:person="http://www.orcid.org/ns/person" xmlns:work="http://www.orcid.org/ns/work"')
def check(d):
    t = 0
    for c in d: t = (t + int(c)) * 2
    r = (12 - t % 11) % 11
    return 'X' if r == 10 else str(r)
def oid(i):
    d = '%015d' % (i * 7919 % 10**15); d = d + check(d)
    return '-'.join(d[k:k+4] for k in range(0, 16, 4))
def aff(kind, i):
    y = random.randint(1980, 2020)
    return f'''<activities:affiliation-group><common:last-modified-date>2021-03-01T10:00:00.000Z</common:last-modified-date>
<{kind}:{kind}-summary put-code="{i}" visibility="public"><common:created-date>2020-01-01T00:00:00.000Z</common:created-date>
<common:last-modified-date>2021-03-01T10:00:00.000Z</common:last-modified-date>
<common:source><common:source-orcid><common:uri>https://orcid.org/x</common:uri><common:path>x</common:path><common:host>orcid.org</common:host></common:source-orcid><common:source-name>Some Name</common:source-name></common:source>
<common:department-name>Department of Physics</common:department-name><common:role-title>PhD student</common:role-title>
<common:start-date><common:year>{y}</common:year><common:month>09</common:month></common:start-date>
<common:end-date><common:year>{y+random.randint(0,6)}</common:year></common:end-date>
<common:organization><common:name>University of Somewhere</common:name><common:address><common:city>City</common:city><common:region>R</common:region><common:country>{random.choice(["US","DE","CN","GB","FR","BR"])}</common:country></common:address>
<common:disambiguated-organization><common:disambiguated-organization-identifier>https://ror.org/0{i:07d}</common:disambiguated-organization-identifier><common:disambiguation-source>ROR</common:disambiguation-source></common:disambiguated-organization></common:organization>
<common:url>https://example.org</common:url><common:external-ids/></{kind}:{kind}-summary></activities:affiliation-group>'''
def work(i):
    return f'''<activities:group><common:last-modified-date>2021-03-01T10:00:00.000Z</common:last-modified-date><common:external-ids><common:external-id><common:external-id-type>doi</common:external-id-type><common:external-id-value>10.1000/{i}</common:external-id-value></common:external-id></common:external-ids>
<work:work-summary put-code="{i}" visibility="public"><common:created-date>2020-01-01T00:00:00.000Z</common:created-date><work:title><common:title>A study of things number {i} with a long enough title to look real</common:title></work:title><work:type>journal-article</work:type><common:publication-date><common:year>2019</common:year></common:publication-date><work:journal-title>Journal of Examples</work:journal-title></work:work-summary></activities:group>'''
with tarfile.open(out, 'w:gz') as tar:
    for i in range(n):
        o = oid(i)
        body = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<record:record path="/{o}" {NS}>'
                f'<common:orcid-identifier><common:uri>https://orcid.org/{o}</common:uri><common:path>{o}</common:path><common:host>orcid.org</common:host></common:orcid-identifier>'
                f'<person:person><person:name><personal-details:given-names xmlns:personal-details="http://www.orcid.org/ns/personal-details">Jane</personal-details:given-names></person:name></person:person>'
                f'<history:history><common:last-modified-date>2022-05-05T00:00:00.000Z</common:last-modified-date></history:history>'
                '<activities:activities-summary><common:last-modified-date>2022-05-05T00:00:00.000Z</common:last-modified-date><activities:educations>'
                + ''.join(aff('education', i*10+k) for k in range(random.randint(0, 3)))
                + '</activities:educations><activities:employments>'
                + ''.join(aff('employment', i*10+5+k) for k in range(random.randint(0, 4)))
                + '</activities:employments><activities:works>' + ''.join(work(i*100+k) for k in range(random.randint(0, 25)))
                + '</activities:works></activities:activities-summary></record:record>\n').encode()
        ti = tarfile.TarInfo(f'ORCID_summaries/{o[-3:]}/{o}.xml'); ti.size = len(body)
        tar.addfile(ti, io.BytesIO(body))
