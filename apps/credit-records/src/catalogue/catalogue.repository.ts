// The catalogue's versions, folded from its one stream (a handful of events), so a submission is always checked
// against the version in force at its instant.
import { ServiceRuntime } from '@credit-share/messaging';
import { Injectable } from '@nestjs/common';
import {
  CATALOGUE_STREAM,
  catalogueAggregate,
  versionInForce,
  type CatalogueEvent,
  type CatalogueState,
  type CatalogueVersion,
} from './catalogue';

/**
 * Submissions read the catalogue on every request, so its state is kept for a few seconds. Publishing through this
 * process drops it at once; another replica's publication is seen within CACHE_MS — new versions take effect on a
 * future date (00:00 CST of `effectiveFrom`), so nothing is checked against a stale version in practice.
 */
const CACHE_MS = 5_000;

@Injectable()
export class CatalogueReader {
  private cached: { state: CatalogueState; at: number } | undefined;

  constructor(private readonly runtime: ServiceRuntime) {}

  invalidate(): void {
    this.cached = undefined;
  }

  async state(): Promise<CatalogueState> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.state;
    const state = await this.load();
    this.cached = { state, at: Date.now() };
    return state;
  }

  private async load(): Promise<CatalogueState> {
    const history = await this.runtime.store.readStream(CATALOGUE_STREAM);
    return history.reduce<CatalogueState>(
      (s, e) => catalogueAggregate.evolve(s, e as unknown as CatalogueEvent),
      catalogueAggregate.initialState,
    );
  }

  async inForce(at: Date): Promise<CatalogueVersion> {
    return versionInForce(await this.state(), at);
  }
}
