import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CatalogDocument } from './catalog.ts';
import { targetDocuments } from './target-documents.ts';
import { buildVocabulary } from './vocabulary.ts';

// A small catalog of invented documents: the rules must work from the catalog alone.
const doc = (documentId: string, headings: string[], text: string): CatalogDocument => ({
  documentId,
  name: documentId,
  headings,
  vocabulary: buildVocabulary(`${headings.join('\n')}\n${text}`),
});

const catalog: CatalogDocument[] = [
  doc(
    'rsyncx.1.txt',
    ['NAME', 'rsyncx, rsx - copy files fast'],
    'rsyncx copies files. See also scpx(1). Use --partial-dir to keep partial files. The default block size is 700. rsyncx 3.2.7 reads RSYNCX_OPT.',
  ),
  doc(
    'time.1.txt',
    ['NAME', 'time - run a program and report its time'],
    'time reports the elapsed real time of a program.',
  ),
  doc(
    'agenda-guide.md',
    ['The Agenda Planner Guide'],
    'Set the time and the date of a meeting at any time. The time zone defaults to UTC. Agenda uses the Vexor engine; Vexor keeps its data in memory. The time is shown in the status line.',
  ),
  doc(
    'Foo-License-1.0.txt',
    ['The Foo Public License', 'Version 1.0'],
    'Redistribution of the Program is permitted. Version 1.0 of the licence.',
  ),
];

const ids = catalog.map((d) => d.documentId);

describe('targetDocuments', () => {
  it('targets documents named by file stem, NAME line alias or title, case- and punctuation-tolerant', () => {
    expect(targetDocuments('How does RSYNCX handle partial files?', catalog).targets).toEqual(['rsyncx.1.txt']);
    expect(targetDocuments("Which block size does rsx's sender use?", catalog).targets).toEqual(['rsyncx.1.txt']);
    expect(targetDocuments('According to the Agenda Planner guide, what zone is used?', catalog).targets).toEqual([
      'agenda-guide.md',
    ]);
    expect(targetDocuments('Under the Foo Public License, may I redistribute?', catalog).targets).toEqual([
      'Foo-License-1.0.txt',
    ]);
  });

  it('does not take an ordinary word for a document name unless the question marks it as one', () => {
    // "time" is all over the other documents: only "the time command" names time(1).
    expect(targetDocuments('At what time does the meeting start?', catalog).targets).toEqual([]);
    expect(targetDocuments('What does the time command report?', catalog).targets).toEqual(['time.1.txt']);
  });

  it('does not see a name inside a code token', () => {
    expect(targetDocuments('What does --rsyncx-path set?', catalog).targets).toEqual([]);
  });

  it('reports versions attached to a named document and which of them the document lacks', () => {
    const absent = targetDocuments('Under the Foo Public License 2.0, may I sell copies?', catalog);
    expect(absent).toMatchObject({ targets: ['Foo-License-1.0.txt'], qualifiers: ['2.0'], absentQualifiers: ['2.0'] });
    const present = targetDocuments('What does rsyncx 3.2 read from the environment?', catalog);
    expect(present).toMatchObject({ qualifiers: ['3.2'], absentQualifiers: [] });
  });

  it('reports a program the question is about when no document covers it', () => {
    // scpx is mentioned once, in passing: not a topic of any document.
    expect(targetDocuments('How many retries does scpx make by default?', catalog).unmatchedNames).toEqual(['scpx']);
    expect(targetDocuments("What is GNU parallelx's job limit?", catalog).unmatchedNames).toEqual(['GNU parallelx']);
    // Vexor is a topic of the agenda guide, so a question about it may be answerable.
    expect(targetDocuments("Where does Vexor's engine keep data?", catalog).unmatchedNames).toEqual([]);
  });

  it('reports identifiers that the named documents do not contain', () => {
    expect(targetDocuments('How do I set --bwlimitx in rsyncx?', catalog).unmatchedNames).toEqual(['--bwlimitx']);
    expect(targetDocuments('What does rsyncx do with RSYNCX_OPT?', catalog).unmatchedNames).toEqual([]);
    expect(targetDocuments('What does fooParse() return in rsyncx?', catalog).unmatchedNames).toEqual(['fooParse()']);
  });

  it('stays silent on ordinary words, capitalised sentence starts and passing names', () => {
    for (const q of [
      'Which block size is the default?',
      'Copying large files: how fast is it?',
      'Does it compare well with Firefox in speed?',
      'When I copy files, does the time get reported?',
    ]) {
      const r = targetDocuments(q, catalog);
      expect([...r.unmatchedNames, ...r.absentQualifiers], q).toEqual([]);
    }
  });

  it('judges nothing without vocabularies', () => {
    const bare = catalog.map(({ vocabulary: _, ...rest }) => rest);
    const r = targetDocuments('How many retries does scpx make with fooParse() in rsyncx 9.9?', bare);
    expect(r).toMatchObject({
      targets: ['rsyncx.1.txt'],
      qualifiers: ['9.9'],
      absentQualifiers: [],
      unmatchedNames: [],
    });
  });

  const questionWord = fc.constantFrom(
    'rsyncx',
    'time',
    'Agenda',
    'Foo',
    'License',
    '2.0',
    'GNU',
    'scpx',
    "Vexor's",
    'the',
    'does',
    'in',
    'how',
    '--partial-dir',
    'fooParse()',
    'command',
    ',',
    '?',
  );
  const question = fc.oneof(
    fc.array(questionWord, { maxLength: 12 }).map((w) => w.join(' ')),
    fc.string({ maxLength: 80 }),
  );

  it('property: targets are unique catalog documents and names come from the question', () => {
    fc.assert(
      fc.property(question, fc.subarray(catalog), (q, docs) => {
        const r = targetDocuments(q, docs);
        const allowed = docs.map((d) => d.documentId);
        expect(r.targets.every((t) => allowed.includes(t) && ids.includes(t))).toBe(true);
        expect(new Set(r.targets).size).toBe(r.targets.length);
        for (const name of r.unmatchedNames) expect(q).toContain(name.replace(/\(\)$/, ''));
        for (const qualifier of r.absentQualifiers) expect(r.qualifiers).toContain(qualifier);
        if (r.targets.length === 0) expect(r.qualifiers).toEqual([]);
      }),
    );
  });

  it('property: a coined program name targets its document wherever it stands', () => {
    const coined = fc.stringMatching(/^[bcdfgkpvz][bcdfgkpvz][aeiou][bcdfgkpvz]{2}$/);
    fc.assert(
      fc.property(
        coined,
        fc.constantFrom('How does %s work?', 'In %s, what is the default?', "What is %s's limit?"),
        (name, template) => {
          const named = [...catalog, doc(`${name}.1.txt`, ['NAME', `${name} - a tool`], `${name} does things.`)];
          expect(targetDocuments(template.replace('%s', name), named).targets).toEqual([`${name}.1.txt`]);
        },
      ),
    );
  });

  describe('variant names and versions', () => {
    const licences: CatalogDocument[] = [
      doc(
        'QPL-2.txt',
        ['QUUX PUBLIC LICENSE', 'Version 2, June 1990'],
        'The QPL lets you copy the Program. Section 3 applies. See the Quux Lesser Public License.',
      ),
      doc('rsyncx.1.txt', ['NAME', 'rsyncx - copy files fast'], 'rsyncx copies files.'),
    ];

    it('finds a document named by words and initials mixed, and not the one inside that name', () => {
      const both = [
        doc('XPL-2.txt', ['XENO PUBLIC LICENSE'], 'The XPL lets you copy the Program.'),
        doc('LXPL-3.txt', ['XENO LESSER XTRA PUBLIC LICENSE', 'Version 3'], 'The Lesser license adds permissions.'),
      ];
      expect(targetDocuments('May I copy headers into my binary under the Lesser XPL 3?', both).targets).toEqual([
        'LXPL-3.txt',
      ]);
      expect(targetDocuments('May I copy headers into my binary under the XPL?', both).targets).toEqual(['XPL-2.txt']);
      const manual = doc('docs-licence.txt', ['GNU FREE DOCUMENTATION LICENSE'], 'This License applies to any manual.');
      const t = targetDocuments('Under the FDL, what is a Secondary Section?', [manual]);
      expect(t).toMatchObject({ targets: ['docs-licence.txt'], unmatchedNames: [] });
    });

    it('reads an acronym run together with its version as the name and the version', () => {
      const t = targetDocuments('What must a modified QPLv2 program display when it starts?', licences);
      expect(t.targets).toEqual(['QPL-2.txt']);
      expect(t.unmatchedNames).toEqual([]);
      expect(t.absentQualifiers).toEqual([]);
    });

    it('finds a release number only where the document calls it a version', () => {
      expect(targetDocuments('Under the QPL version 2, may I sell copies?', licences).absentQualifiers).toEqual([]);
      // "3" appears in the text as a section number, never as a version.
      expect(targetDocuments('Under version 3 of the QPL, may I sell copies?', licences).absentQualifiers).toEqual([
        '3',
      ]);
      expect(targetDocuments('Under QPLv3, may I sell copies?', licences).absentQualifiers).toEqual(['v3']);
    });

    it('reads a release written another way (`2.0`, `v2.0`) as the release, judged against its own document', () => {
      expect(targetDocuments('Under the QPL 2.0, may I sell copies?', licences).absentQualifiers).toEqual([]);
      expect(targetDocuments('Under QPLv2.0, may I sell copies?', licences).absentQualifiers).toEqual([]);
      expect(targetDocuments('Under the QPL 3.0, may I sell copies?', licences).absentQualifiers).toEqual(['3.0']);
      const pair = [
        ...licences,
        doc('MZL-1.1.txt', ['MOZZA LICENSE', 'Version 1.1'], 'Each Contributor Version; 2) any other code.'),
      ];
      const t = targetDocuments('Under the Mozza License 2.0, may I combine it with QPL code?', pair);
      expect(t.targets).toEqual(['MZL-1.1.txt', 'QPL-2.txt']);
      expect(t.absentQualifiers).toEqual(['2.0']);
    });

    it('treats a word inside the name that the document never uses as a variant it lacks', () => {
      expect(targetDocuments('Does the Quux Zorbal QPL cover network use?', licences).absentQualifiers).toEqual([
        'Zorbal',
      ]);
      // The first word of the phrase may say whose copy it is.
      expect(targetDocuments('Does the Zorbal QPL cover network use?', licences).absentQualifiers).toEqual([]);
      expect(targetDocuments('Does the Lesser QPL cover linking?', licences).absentQualifiers).toEqual([]);
    });
  });
});
