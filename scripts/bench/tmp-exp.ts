import { DatabaseSync } from 'node:sqlite';
import { readFileSync } from 'node:fs';
import { analyzeText } from '@docent/domain';
import { planTerms, quoteTerm } from '../../packages/adapters-local/src/sqlite/posting-budget.ts';
const dir = process.argv[2]!; const budget = Number(process.argv[3] ?? 60000);
const db = new DatabaseSync(`${dir}/docent.db`, { readOnly: true });
db.exec("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, lexical_fts, 'row')");
const df = db.prepare('SELECT doc FROM temp.v WHERE term = ?');
const qs = (JSON.parse(readFileSync(`${dir}/questions.json`, 'utf8')) as string[]).slice(0, 30);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const any = (t: string[]) => t.map(quoteTerm).join(' OR ');
const kq = db.prepare('SELECT rowid, -bm25(lexical_fts,1,2,2) s FROM lexical_fts WHERE lexical_fts MATCH ? ORDER BY s DESC LIMIT 400');
const cnt = db.prepare('SELECT count(*) n FROM lexical_fts WHERE lexical_fts MATCH ?');
const res: number[][] = [];
for (const q of qs) {
  const terms = [...new Set(analyzeText(q))];
  const f = new Map(terms.map((t) => [t, (df.get(t) as { doc: number } | undefined)?.doc ?? 0]));
  const plan = planTerms(terms, (t) => f.get(t)!, { maxPostings: budget, minimumRows: 400 });
  let c = cpu(); kq.all(any(plan.kept)); const a = cpu() - c;
  let b = 0, w = 0;
  if (plan.dropped.length) {
    c = cpu(); kq.all(`(${any(plan.kept)}) AND (${any(plan.dropped)})`); b = cpu() - c;
    c = cpu(); for (const t of plan.dropped) cnt.get(quoteTerm(t)); w = cpu() - c;
  }
  res.push([a, b, w, plan.dropped.reduce((s, t) => s + f.get(t)!, 0), plan.kept.reduce((s, t) => s + f.get(t)!, 0)]);
  console.log(res.at(-1)!.map((x) => Math.round(x)).join('\t'));
}
