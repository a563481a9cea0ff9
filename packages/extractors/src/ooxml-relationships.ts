import { xmlTokens } from './xml-tokens.ts';
import { resolvePartPath } from './zip-parts.ts';

/** The relationships part of an OOXML part: `ppt/slides/slide1.xml` has `ppt/slides/_rels/slide1.xml.rels`. */
export const relationshipsPath = (part: string): string => {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
};

/** One relationship: its target as a member path (external targets are left out) and its type. */
export interface Relationship {
  target: string;
  type: string;
}

/** Relationships by id from a `.rels` part, targets resolved against the part they belong to. */
export const parseRelationships = (xml: string | undefined, part: string): Map<string, Relationship> => {
  const relationships = new Map<string, Relationship>();
  if (xml === undefined) return relationships;
  for (const token of xmlTokens(xml)) {
    if (token.kind !== 'open' || token.name !== 'Relationship') continue;
    const { Id: id, Target: target, Type: type = '', TargetMode: mode } = token.attributes;
    if (id === undefined || target === undefined || mode === 'External') continue;
    relationships.set(id, { target: resolvePartPath(part, target), type });
  }
  return relationships;
};
