import type { VectorStore } from 'openai/resources/vector-stores/vector-stores';
import type { VectorStoreFile } from 'openai/resources/vector-stores/files';
import { notFound } from '../http/errors.ts';
import { newId, nowSeconds } from '../ids.ts';

interface StoredVectorStore {
  object: VectorStore;
  files: Map<string, VectorStoreFile>;
}

/** Vector stores and their file attachments; indexing status moves from in_progress to completed or failed. */
export class VectorStoreStore {
  private readonly stores = new Map<string, StoredVectorStore>();

  create(name: string, metadata: Record<string, string> | null): VectorStore {
    const object: VectorStore = {
      id: newId('vs'),
      object: 'vector_store',
      created_at: nowSeconds(),
      name,
      metadata,
      status: 'completed',
      usage_bytes: 0,
      last_active_at: nowSeconds(),
      file_counts: { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 },
      expires_at: null,
    };
    this.stores.set(object.id, { object, files: new Map() });
    return object;
  }

  get(id: string): VectorStore {
    return this.stored(id).object;
  }

  list(): VectorStore[] {
    return [...this.stores.values()].map((s) => s.object);
  }

  delete(id: string): void {
    this.stored(id);
    this.stores.delete(id);
  }

  update(id: string, changes: { name?: string; metadata?: Record<string, string> | null }): VectorStore {
    const store = this.stored(id).object;
    if (changes.name !== undefined) store.name = changes.name;
    if (changes.metadata !== undefined) store.metadata = changes.metadata;
    return store;
  }

  attach(storeId: string, fileId: string, bytes: number, attributes: VectorStoreFile['attributes']): VectorStoreFile {
    const stored = this.stored(storeId);
    const file: VectorStoreFile = {
      id: fileId,
      object: 'vector_store.file',
      created_at: nowSeconds(),
      vector_store_id: storeId,
      status: 'in_progress',
      last_error: null,
      usage_bytes: bytes,
      attributes: attributes ?? {},
      chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } },
    };
    stored.files.set(fileId, file);
    this.recount(stored);
    return file;
  }

  /** Indexing finished for one attachment. */
  settle(storeId: string, fileId: string, error: { code: 'unsupported_file' | 'server_error'; message: string } | null): void {
    const stored = this.stores.get(storeId);
    const file = stored?.files.get(fileId);
    if (!stored || !file) return;
    file.status = error ? 'failed' : 'completed';
    file.last_error = error;
    this.recount(stored);
  }

  file(storeId: string, fileId: string): VectorStoreFile {
    const file = this.stored(storeId).files.get(fileId);
    if (!file) throw notFound('vector store file', fileId);
    return file;
  }

  files(storeId: string): VectorStoreFile[] {
    return [...this.stored(storeId).files.values()];
  }

  detach(storeId: string, fileId: string): void {
    const stored = this.stored(storeId);
    this.file(storeId, fileId);
    stored.files.delete(fileId);
    this.recount(stored);
  }

  /** Completed files of these stores: what file_search may read. */
  searchableFileIds(storeIds: readonly string[]): Set<string> {
    const ids = new Set<string>();
    for (const id of storeIds) for (const f of this.stored(id).files.values()) if (f.status === 'completed') ids.add(f.id);
    return ids;
  }

  private stored(id: string): StoredVectorStore {
    const store = this.stores.get(id);
    if (!store) throw notFound('vector store', id);
    return store;
  }

  private recount(stored: StoredVectorStore): void {
    const counts = { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 };
    let bytes = 0;
    for (const f of stored.files.values()) {
      counts[f.status]++;
      counts.total++;
      bytes += f.usage_bytes;
    }
    stored.object.file_counts = counts;
    stored.object.usage_bytes = bytes;
    stored.object.status = counts.in_progress > 0 ? 'in_progress' : 'completed';
    stored.object.last_active_at = nowSeconds();
  }
}
