// The auditor's view of the audit ledger: the latest signed checkpoint (GET /api/v1/audit/checkpoint), and an RFC 9162
// inclusion proof checked in this browser with WebCrypto — a leaf found by its index or by a record identifier it
// mentions (GET /audit/entries), its proof against the checkpoint's tree (GET /audit/proofs/inclusion), the root
// recomputed here and compared with the signed one.
import { useCallback, useState, type FormEvent } from 'react';
import type { Api } from '../../api/client';
import { Notice, TextField } from '../../forms/fields';
import { problemMessage } from '../../forms/messages';
import { Data, useI18n } from '../../i18n/i18n';
import { Badge, DateTime, useLoad } from '../../shared/ui';
import { PageTitle } from '../page-title';
import type { PageProps } from '../page';
import { fromBase64, leafHash, rootFromInclusionProof, toBase64, toHex } from './inclusion';

interface Checkpoint {
  seq?: number;
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyId: string;
  signature: string;
}

interface Verification {
  index: number;
  treeSize: number;
  eventType?: string;
  eventId?: string;
  leafHashHex: string;
  pathLength: number;
  computedRoot?: string;
  ok: boolean;
}

const PAGE = 1_000;

/** The leaf that mentions `needle` (a record id, an event id…), scanning the ledger from the start. */
async function findLeaf(api: Api, needle: string, treeSize: number): Promise<{ index: number; leaf: Uint8Array } | undefined> {
  const decoder = new TextDecoder();
  for (let start = 0; start < treeSize; start += PAGE) {
    const page = await api.get<{ entries: Array<{ index: number; leaf: string }> }>(
      `/api/v1/audit/entries?start=${start}&end=${Math.min(start + PAGE, treeSize)}`,
    );
    for (const entry of page.entries) {
      const bytes = fromBase64(entry.leaf);
      if (decoder.decode(bytes).includes(needle)) return { index: entry.index, leaf: bytes };
    }
  }
  return undefined;
}

export function LedgerPage({ api }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const load = useCallback(() => api.get<Checkpoint>('/api/v1/audit/checkpoint'), [api]);
  const { data: checkpoint, failure, reload } = useLoad(load);
  const [target, setTarget] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Verification>();
  const [notFound, setNotFound] = useState(false);
  const [verifyFailure, setVerifyFailure] = useState<unknown>();

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setResult(undefined);
    setNotFound(false);
    setVerifyFailure(undefined);
    if (!target.trim() || !checkpoint) return;
    setBusy(true);
    try {
      const wanted = target.trim();
      let found: { index: number; leaf: Uint8Array } | undefined;
      if (/^\d+$/.test(wanted)) {
        const index = Number(wanted);
        if (index < checkpoint.treeSize) {
          const page = await api.get<{ entries: Array<{ index: number; leaf: string }> }>(
            `/api/v1/audit/entries?start=${index}&end=${index + 1}`,
          );
          const entry = page.entries[0];
          if (entry) found = { index: entry.index, leaf: fromBase64(entry.leaf) };
        }
      } else {
        found = await findLeaf(api, wanted, checkpoint.treeSize);
      }
      if (!found) {
        setNotFound(true);
        return;
      }
      const proof = await api.get<{ leafIndex: number; treeSize: number; hashes: string[] }>(
        `/api/v1/audit/proofs/inclusion?index=${found.index}&treeSize=${checkpoint.treeSize}`,
      );
      const computed = await rootFromInclusionProof(found.index, checkpoint.treeSize, found.leaf, proof.hashes.map(fromBase64));
      let eventType: string | undefined;
      let eventId: string | undefined;
      try {
        const entry = JSON.parse(new TextDecoder().decode(found.leaf)) as { event?: { type?: string; id?: string } };
        eventType = entry.event?.type;
        eventId = entry.event?.id;
      } catch {
        // The leaf is shown by its hash alone.
      }
      setResult({
        index: found.index,
        treeSize: checkpoint.treeSize,
        eventType,
        eventId,
        leafHashHex: toHex(await leafHash(found.leaf)),
        pathLength: proof.hashes.length,
        computedRoot: computed ? toBase64(computed) : undefined,
        ok: computed !== undefined && toBase64(computed) === checkpoint.rootHash,
      });
    } catch (error) {
      setVerifyFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>{t('ledger.title')}</PageTitle>
      <Notice kind="error">{failure !== undefined ? problemMessage(i18n, failure) : null}</Notice>
      {checkpoint ? (
        <section className="panel" aria-labelledby="checkpoint-title">
          <h2 id="checkpoint-title">{t('ledger.checkpoint')}</h2>
          <dl className="facts">
            <dt>{t('ledger.treeSize')}</dt>
            <dd data-testid="tree-size">{i18n.number(checkpoint.treeSize)}</dd>
            <dt>{t('ledger.rootHash')}</dt>
            <dd>
              <Data>
                <code className="break">{checkpoint.rootHash}</code>
              </Data>
            </dd>
            <dt>{t('ledger.timestamp')}</dt>
            <dd>
              <DateTime value={checkpoint.timestamp} />
            </dd>
            <dt>{t('ledger.keyId')}</dt>
            <dd>
              <Data>
                <code className="break">{checkpoint.keyId}</code>
              </Data>
            </dd>
            <dt>{t('ledger.signature')}</dt>
            <dd>
              <Data>
                <code className="break">{checkpoint.signature}</code>
              </Data>
            </dd>
          </dl>
          <div className="actions">
            <button type="button" onClick={() => (setResult(undefined), reload())}>
              {t('health.refresh')}
            </button>
          </div>
        </section>
      ) : failure === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : null}
      <section className="panel" aria-labelledby="inclusion-title">
        <h2 id="inclusion-title">{t('ledger.inclusion')}</h2>
        <p className="muted">{t('ledger.inclusionIntro')}</p>
        <form noValidate onSubmit={(e) => void verify(e)} className="toolbar">
          <TextField
            id="ledger-target"
            label={t('ledger.target')}
            hint={t('ledger.targetHint')}
            required
            value={target}
            spellCheck={false}
            onChange={setTarget}
            error={tried && !target.trim() ? t('error.required') : notFound ? t('ledger.notFound') : undefined}
          />
          <button type="submit" className="primary" disabled={busy || !checkpoint}>
            {busy ? t('ledger.verifying') : t('ledger.verify')}
          </button>
        </form>
        <Notice kind="error">{verifyFailure !== undefined ? problemMessage(i18n, verifyFailure) : null}</Notice>
        {result ? (
          <div data-testid="inclusion-result">
            <p className="verdict" role="status">
              {result.ok ? <Badge tone="ok">{t('ledger.verified')}</Badge> : <Badge tone="bad">{t('ledger.notVerified')}</Badge>}{' '}
              {i18n.rich('ledger.verdict', { index: <Data>{result.index}</Data>, size: <Data>{result.treeSize}</Data> })}
            </p>
            <dl className="facts">
              {result.eventType ? (
                <>
                  <dt>{t('ledger.event')}</dt>
                  <dd>
                    <Data>
                      <code>{result.eventType}</code> <code>{result.eventId}</code>
                    </Data>
                  </dd>
                </>
              ) : null}
              <dt>{t('ledger.leafHash')}</dt>
              <dd>
                <Data>
                  <code className="break">{result.leafHashHex}</code>
                </Data>
              </dd>
              <dt>{t('ledger.pathLength')}</dt>
              <dd>{i18n.number(result.pathLength)}</dd>
              <dt>{t('ledger.computedRoot')}</dt>
              <dd>
                <Data>
                  <code className="break">{result.computedRoot ?? '—'}</code>
                </Data>
              </dd>
            </dl>
          </div>
        ) : null}
      </section>
    </>
  );
}
