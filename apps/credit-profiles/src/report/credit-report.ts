// The credit report (信用报告) of a profile view: the standard section order, a report number, and a verification
// hash over the canonical JSON of exactly what the report shows (so a printed copy can be checked against the
// access log, which keeps number and hash). Disputed records are marked in every section.
import { createHash } from 'node:crypto';
import type { ProfileView, RecordView } from '../profile/profile.view';

export const REPORT_SECTIONS = [
  { key: 'registration', title: '一、登记注册信息 Registration' },
  { key: 'administrative_management', title: '二、行政管理信息 Administrative management' },
  { key: 'honours', title: '三、荣誉信息 Honours' },
  { key: 'serious_dishonesty_lists', title: '四、严重失信主体名单 Serious-dishonesty lists' },
  { key: 'abnormal_operation', title: '五、经营异常名录 Abnormal operation' },
  { key: 'commitments', title: '六、信用承诺 Commitments' },
  { key: 'evaluations', title: '七、信用评价 Evaluations' },
  { key: 'judicial', title: '八、司法信息 Judicial' },
  { key: 'other', title: '九、其他信息 Other' },
] as const;
export type ReportSectionKey = (typeof REPORT_SECTIONS)[number]['key'];

const SECTION_OF_KIND: Record<string, ReportSectionKey> = {
  administrative_license: 'administrative_management',
  administrative_penalty: 'administrative_management',
  inspection_result: 'administrative_management',
  honor: 'honours',
  abnormal_operation: 'abnormal_operation',
  credit_commitment: 'commitments',
  tax_rating: 'evaluations',
  court_enforcement: 'judicial',
};

export const DISPUTED_MARK = '【异议处理中 DISPUTED】';

export interface CreditReport {
  reportNumber: string;
  generatedAt: string;
  purpose: string;
  viewerOrg: string;
  profile: ProfileView;
}

/** JSON with object keys sorted at every level: one byte string per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** `CSR-<yyyymmdd>-<12 hex of the access entry id>`: unique, and leads back to the entry that logged it. */
export function reportNumberOf(entryId: string, at: Date): string {
  const day = at.toISOString().slice(0, 10).replace(/-/g, '');
  return `CSR-${day}-${entryId.replace(/-/g, '').slice(-12).toUpperCase()}`;
}

export function reportHash(report: CreditReport): string {
  return createHash('sha256').update(canonicalJson(report)).digest('hex');
}

function recordLines(r: RecordView): string[] {
  const d = r.details as Record<string, unknown>;
  const head =
    `${r.disputed ? DISPUTED_MARK + ' ' : ''}[${r.kind}] ${String(d['decisionDocumentNumber'] ?? '')} ${String(d['decisionDocumentName'] ?? '')}`.trim();
  const lines = [head];
  lines.push(
    `  状态 status: ${r.status}${r.severity ? `  严重程度 severity: ${r.severity}` : ''}  版本 version: ${r.version}  共享 class: ${r.sharingClass}`,
  );
  lines.push(
    `  公示期 publicity: ${r.publicFrom} – ${r.publicUntil ?? '—'}  决定日期 decided: ${String(d['decisionDate'] ?? '')}`,
  );
  if (d['content']) lines.push(`  内容 content: ${String(d['content'])}`);
  if (d['legalBasis']) lines.push(`  依据 legal basis: ${String(d['legalBasis'])}`);
  if (typeof d['fineAmountYuan'] === 'number') lines.push(`  罚款 fine: ${String(d['fineAmountYuan'])} 元`);
  const authority = d['decidingAuthority'] as { name?: string } | undefined;
  lines.push(`  提供单位 provider: ${r.providerOrg}${authority?.name ? `  决定机关 authority: ${authority.name}` : ''}`);
  if (r.informationCategory === 'market_credit') lines.push('  市场信用信息 market/industry credit information');
  return lines;
}

/** The report as titled sections of text lines, in the standard order. */
export function reportSections(report: CreditReport): { key: ReportSectionKey; title: string; lines: string[] }[] {
  const p = report.profile;
  const lines = new Map<ReportSectionKey, string[]>(REPORT_SECTIONS.map((s) => [s.key, []]));
  const add = (key: ReportSectionKey, ...more: string[]) => lines.get(key)!.push(...more);

  add('registration', `名称 name: ${p.subject.name}`, `统一社会信用代码 USCC: ${p.subject.uscc}`);
  for (const a of p.subject.aliases) add('registration', `曾用代码 alias (${a.scheme}): ${a.value}`);
  if (p.subject.nonConformingIdentifier)
    add('registration', '代码不符合 GB 32100，经核准例外 (non-conforming identifier on the allow-list)');

  for (const r of p.records) add(SECTION_OF_KIND[r.kind] ?? 'other', ...recordLines(r));
  for (const l of p.listings) {
    const key: ReportSectionKey = l.listType === 'red' ? 'honours' : 'serious_dishonesty_lists';
    add(
      key,
      `[${l.listType}] ${l.id} 状态 status: ${l.status}${l.inForce ? ' (在册 in force)' : ''}` +
        `${l.effectiveUntil ? `  有效期至 until: ${l.effectiveUntil}` : ''}`,
      `  依据 legal basis: ${l.legalBasis}`,
    );
  }
  if (p.grade) {
    add(
      'evaluations',
      `信用等级 grade: ${p.grade.grade}  分数 score: ${p.grade.score}  规则版本 rule set: ${p.grade.ruleSetVersion}  (${p.grade.asOf})`,
    );
    for (const reason of p.grade.reasons) {
      add(
        'evaluations',
        `  ${reason.rule}: ${reason.points > 0 ? '+' : ''}${reason.points}${reason.recordId ? ` (${reason.recordId})` : ''}${reason.disputed ? ' ' + DISPUTED_MARK : ''}`,
      );
    }
  }
  for (const m of p.measuresInForce) {
    add(
      'other',
      `惩戒措施 measure in force: ${m.content ?? m.measureId} — ${m.org}, 反馈 feedback: ${m.feedback.status}${m.feedback.outcome ? `/${m.feedback.outcome}` : ''}` +
        `${m.residualRestriction ? ' (残留限制 residual restriction)' : ''}`,
    );
  }
  for (const o of p.objections.filter((o) => o.status === 'pending')) {
    add('other', `异议 objection ${o.id} on ${o.recordId}: ${o.ground}, 待决定 pending until ${o.dueAt}`);
  }
  for (const r of p.repairs.filter((r) => r.status === 'pending'))
    add('other', `信用修复 repair ${r.id} on ${r.recordId}: pending until ${r.dueAt}`);
  for (const r of p.history) add('other', `历史 history: [${r.kind}] ${r.id} ${r.status}${r.statusAt ? ` (${r.statusAt})` : ''}`);

  return REPORT_SECTIONS.map((s) => ({
    key: s.key,
    title: s.title,
    lines: lines.get(s.key)!.length > 0 ? lines.get(s.key)! : ['无 none'],
  }));
}

// ---- PDF (ISO 32000): one of the standard CJK fonts, named not embedded (STSong-Light, Adobe-GB1, UCS-2 CMap) ----

const PAGE = { width: 595, height: 842, margin: 50, size: 10, leading: 15 } as const;

function ucs2Hex(text: string): string {
  let hex = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    hex += (code > 0xffff ? 0x3f : code).toString(16).padStart(4, '0').toUpperCase();
  }
  return hex;
}

function widthEm(ch: string): number {
  return ch.charCodeAt(0) < 0x80 ? 0.5 : 1;
}

function wrap(text: string, maxEm: number): string[] {
  const out: string[] = [];
  let line = '';
  let width = 0;
  for (const ch of text) {
    const w = widthEm(ch);
    if (width + w > maxEm && line.length > 0) {
      out.push(line);
      line = '  ';
      width = 1;
    }
    line += ch;
    width += w;
  }
  out.push(line);
  return out;
}

export function renderReportPdf(report: CreditReport, hash: string): Buffer {
  type Line = { text: string; size: number };
  const lines: Line[] = [
    { text: '公共信用信息报告 Credit Report', size: 16 },
    { text: `报告编号 Report number: ${report.reportNumber}`, size: PAGE.size },
    { text: `生成时间 Generated: ${report.generatedAt}   截至 As of: ${report.profile.asOf}`, size: PAGE.size },
    { text: `查询目的 Purpose: ${report.purpose}   查询机构 Organisation: ${report.viewerOrg}`, size: PAGE.size },
    { text: `共享类别 Sharing classes: ${report.profile.sharingClasses.join(', ')}`, size: PAGE.size },
    { text: `校验值 Verification hash (SHA-256): ${hash}`, size: PAGE.size },
    { text: '', size: PAGE.size },
  ];
  const maxEm = (PAGE.width - 2 * PAGE.margin) / PAGE.size;
  for (const section of reportSections(report)) {
    lines.push({ text: section.title, size: 12 });
    for (const l of section.lines) for (const w of wrap(l, maxEm)) lines.push({ text: w, size: PAGE.size });
    lines.push({ text: '', size: PAGE.size });
  }
  const perPage = Math.floor((PAGE.height - 2 * PAGE.margin - 20) / PAGE.leading);
  const pages: Line[][] = [];
  for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage));

  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pagesObj = add('');
  const font = add('');
  const cidFont = add('');
  const descriptor = add('');
  objects[font - 1] =
    `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`;
  objects[cidFont - 1] =
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> ` +
    `/FontDescriptor ${descriptor} 0 R /DW 1000 /W [1 95 500] >>`;
  objects[descriptor - 1] =
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 ' +
    '/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>';
  const kids: number[] = [];
  pages.forEach((pageLines, index) => {
    const ops: string[] = [];
    let y = PAGE.height - PAGE.margin;
    for (const line of pageLines) {
      y -= line.size > PAGE.size ? PAGE.leading + 4 : PAGE.leading;
      if (line.text) ops.push(`BT /F1 ${line.size} Tf 1 0 0 1 ${PAGE.margin} ${y} Tm <${ucs2Hex(line.text)}> Tj ET`);
    }
    const footer = `${report.reportNumber}   第 ${index + 1} 页 / 共 ${pages.length} 页   Page ${index + 1} of ${pages.length}`;
    ops.push(`BT /F1 8 Tf 1 0 0 1 ${PAGE.margin} ${PAGE.margin / 2} Tm <${ucs2Hex(footer)}> Tj ET`);
    const content = ops.join('\n');
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] ` +
          `/Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`,
      ),
    );
  });
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const info = add(
    `<< /Title <FEFF${ucs2Hex(`信用报告 ${report.reportNumber}`)}> /Producer (credit-share) /Subject (${hash}) >>`,
  );

  let pdf = '%PDF-1.7\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** The text lines of a PDF this module rendered, in page order (for tests and for checking a printed report). */
export function pdfTextLines(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of text.matchAll(/<([0-9A-F]+)> Tj/g)) {
    const hex = match[1]!;
    let line = '';
    for (let i = 0; i < hex.length; i += 4) line += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    lines.push(line);
  }
  return lines;
}
