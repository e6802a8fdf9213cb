import { defineEntity, p } from '@mikro-orm/core';

/**
 * `archive_imports`: the progress of each archive file an importer reads, keyed by the file's
 * identity (`file_key`, chosen by the importer). Moved in the same transaction as the rows it covers
 * (see `archiveProgress` in lib/state/archive-imports.ts).
 */
export const ArchiveImportEntity = defineEntity({
  name: 'ArchiveImport',
  tableName: 'archive_imports',
  properties: {
    fileKey: p.string().columnType('text').primary(),
    kind: p.string().columnType('text'),
    fileName: p.string().columnType('text').nullable(),
    fileSize: p.bigint('number').columnType('bigint').nullable(),
    lastLine: p.bigint('number').columnType('bigint').default(0),
    bytesRead: p.bigint('number').columnType('bigint').default(0),
    lines: p.bigint('number').columnType('bigint').default(0),
    matched: p.bigint('number').columnType('bigint').default(0),
    inserted: p.bigint('number').columnType('bigint').default(0),
    updated: p.bigint('number').columnType('bigint').default(0),
    rejected: p.bigint('number').columnType('bigint').default(0),
    startedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    finishedAt: p.datetime().columnType('timestamptz').nullable(),
  },
});
