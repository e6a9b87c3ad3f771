import { extname } from 'node:path';
import type { FileRecord, Store } from './store.ts';

const TYPES: Record<string, { filetype: string; mimetype: string; pretty: string }> = {
  '.csv': { filetype: 'csv', mimetype: 'text/csv', pretty: 'CSV' },
  '.txt': { filetype: 'text', mimetype: 'text/plain', pretty: 'Plain Text' },
  '.json': { filetype: 'json', mimetype: 'application/json', pretty: 'JSON' },
  '.pdf': { filetype: 'pdf', mimetype: 'application/pdf', pretty: 'PDF' },
  '.png': { filetype: 'png', mimetype: 'image/png', pretty: 'PNG' },
  '.xlsx': {
    filetype: 'xlsx',
    mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    pretty: 'Excel Spreadsheet',
  },
};

function typeOf(name: string) {
  return (
    TYPES[extname(name).toLowerCase()] ?? {
      filetype: 'binary',
      mimetype: 'application/octet-stream',
      pretty: 'Binary',
    }
  );
}

export function guessMimetype(name: string): string {
  return typeOf(name).mimetype;
}

export function fileUrls(store: Store, file: { id: string; name: string }) {
  const base = `${store.identity.baseUrl}/files-pri/${store.identity.teamId}-${file.id}`;
  const name = encodeURIComponent(file.name);
  return { url_private: `${base}/${name}`, url_private_download: `${base}/download/${name}` };
}

/** The file object of files.info and of `files[]` in file_share messages. */
export function toSlackFile(store: Store, file: FileRecord): Record<string, unknown> {
  const { identity } = store;
  const channels = file.channels.map((id) => store.channels.get(id)).filter((c) => c !== undefined);
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: typeOf(file.name).filetype,
    pretty_type: typeOf(file.name).pretty,
    user: file.user,
    user_team: identity.teamId,
    editable: false,
    size: file.bytes?.length ?? 0,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: channels.some((c) => !c.isPrivate && !c.isIm),
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    ...fileUrls(store, file),
    permalink: `https://${identity.teamDomain}.slack.com/files/${file.user}/${file.id}/${encodeURIComponent(file.name)}`,
    channels: channels.filter((c) => !c.isPrivate).map((c) => c.id),
    groups: channels.filter((c) => c.isPrivate && !c.isIm).map((c) => c.id),
    ims: channels.filter((c) => c.isIm).map((c) => c.id),
    comments_count: 0,
  };
}
