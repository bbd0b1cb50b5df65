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

@Injectable()
export class CatalogueReader {
  constructor(private readonly runtime: ServiceRuntime) {}

  async state(): Promise<CatalogueState> {
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
