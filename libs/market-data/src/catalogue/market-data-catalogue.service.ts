import { AppException } from '@app/common';
import { symbolNotFound } from '../market-data.errors';
import type { MarketDataRepository } from '../storage/market-data.repository';
import type { MarketSymbolEntity } from '../storage/market-symbol.entity';
import type { DatasetChangedListener } from '../importer/market-data-import.service';

/** Who is asking: only the id and whether they are an admin matter for market data. */
export interface MarketDataCaller {
  id: string;
  isAdmin: boolean;
}

/** The catalogue as a caller sees it: public datasets plus their own private ones. */
export class MarketDataCatalogueService {
  constructor(
    private readonly repository: MarketDataRepository,
    private readonly onDatasetChanged: DatasetChangedListener = () => undefined,
  ) {}

  listSymbols(caller: MarketDataCaller): Promise<MarketSymbolEntity[]> {
    return this.repository.listVisible(caller.id);
  }

  /** The symbol if the caller may see it; another user's private dataset is reported as not found. */
  async getVisibleSymbol(caller: MarketDataCaller, id: string): Promise<MarketSymbolEntity> {
    const symbol = await this.repository.findSymbolById(id);
    if (!symbol || (symbol.ownerId !== null && symbol.ownerId !== caller.id)) throw symbolNotFound();
    return symbol;
  }

  /** The owner may delete a private dataset; an admin may delete any dataset. */
  async deleteSymbol(caller: MarketDataCaller, id: string): Promise<void> {
    const symbol = await this.repository.findSymbolById(id);
    const visible = symbol && (symbol.ownerId === null || symbol.ownerId === caller.id || caller.isAdmin);
    if (!symbol || !visible) throw symbolNotFound();
    if (symbol.ownerId === null && !caller.isAdmin) {
      throw new AppException(403, 'FORBIDDEN', 'Only an admin can delete a public dataset');
    }
    await this.repository.deleteSymbol(id);
    this.onDatasetChanged(id);
  }
}
