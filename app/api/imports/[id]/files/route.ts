import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { importBatchParams, importFileInput, MAX_IMPORT_FILE_BYTES } from '@/lib/requests/imports'
import { addFile } from '@/lib/services/document-import'

/** One file of the batch ({fileName, data: base64}); a .zip becomes one item per entry. → {added} */
export const POST = route(
  {
    params: importBatchParams,
    body: importFileInput,
    maxBodyBytes: Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3) + 4096,
    access: () => apiUser(),
  },
  async ({ params, body, access }) => {
    const added = await addFile(access, params.id, body.fileName, new Uint8Array(Buffer.from(body.data, 'base64')))
    return Response.json({ added }, { status: 201 })
  },
)
