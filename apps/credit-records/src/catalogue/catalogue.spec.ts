import { specification } from '@credit-share/testing';
import { INITIAL_CATALOGUE, catalogueAggregate, decidePublish, versionInForce, type CatalogueEvent } from './catalogue';

const now = new Date('2026-03-02T02:00:00Z');
const items = INITIAL_CATALOGUE.items;
const spec = specification(catalogueAggregate);

describe('catalogue', () => {
  it('publishes the next version with its items', () => {
    spec
      .given([])
      .when((s) => decidePublish({ effectiveFrom: '2026-04-01', note: 'n', items }, s, now))
      .then([
        {
          type: 'CataloguePublished',
          data: { version: 2, effectiveFrom: '2026-04-01', publishedAt: now.toISOString(), note: 'n', items },
        },
      ]);
  });

  it('refuses invalid items, market kinds not labelled as such, and an effective date before the latest version', () => {
    spec
      .given([])
      .when((s) =>
        decidePublish(
          {
            effectiveFrom: '2026-04-01',
            items: [...items, { ...items[0]!, retentionYears: 0 }, { ...items[9]!, kind: 'administrative_license' }],
          },
          s,
          now,
        ),
      )
      .thenRefuses('CATALOGUE.INVALID', [
        'items[10].kind',
        'items[10].retentionYears',
        'items[11].kind',
        'items[11].marketCredit',
      ]);
    spec
      .given([])
      .when((s) => decidePublish({ effectiveFrom: '2026-04-01', items: [{ ...items[8]!, marketCredit: false }] }, s, now))
      .thenRefuses('CATALOGUE.INVALID', ['items[0].marketCredit']);
    const [v2] = decidePublish({ effectiveFrom: '2026-04-01', items }, catalogueAggregate.initialState, now) as CatalogueEvent[];
    spec
      .given([v2!])
      .when((s) => decidePublish({ effectiveFrom: '2026-03-31', items }, s, now))
      .thenRefuses('CATALOGUE.EFFECTIVE_DATE_BEFORE_LATEST');
  });

  it('puts a version in force from 00:00 CST of its effective date', () => {
    const [v2] = decidePublish({ effectiveFrom: '2026-04-01', items }, catalogueAggregate.initialState, now) as CatalogueEvent[];
    const state = catalogueAggregate.evolve(catalogueAggregate.initialState, v2!);
    expect(versionInForce(state, new Date('2026-03-31T15:59:59Z')).version).toBe(1);
    expect(versionInForce(state, new Date('2026-03-31T16:00:00Z')).version).toBe(2);
  });
});
