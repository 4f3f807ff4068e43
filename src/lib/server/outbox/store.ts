/**
 * The outbox in the database, through the three functions only service_role may execute
 * (claim_outbox_messages, complete_outbox_message, fail_outbox_message).
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../database.types.ts';
import { supabaseFetch } from '../supabase-fetch.ts';
import type { ApplicationKind } from '../../reference.ts';
import type { Template } from '../email/content.ts';
import type { ClaimedMessage, OutboxStore } from './sender.ts';

/** A service-role client for the sender: server-only, never in anything sent to a browser. */
export function createServiceClient(url: string, serviceRoleKey: string): SupabaseClient<Database> {
  return createClient<Database>(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers: { 'x-client-info': 'fosterportal-outbox' }, fetch: supabaseFetch },
  });
}

/** A database error without its message (which can quote data): the code only. */
class OutboxStoreError extends Error {
  override name = 'OutboxStoreError';
}

function check(error: { code?: string } | null, what: string): void {
  if (error) throw new OutboxStoreError(`${what} failed (code ${error.code || 'none'})`);
}

export function supabaseOutboxStore(client: SupabaseClient<Database>): OutboxStore {
  return {
    async claim(batch, leaseSeconds, maxAttempts) {
      const { data, error } = await client.rpc('claim_outbox_messages', {
        batch,
        lease_seconds: leaseSeconds,
        max_attempts: maxAttempts,
      });
      check(error, 'claim_outbox_messages');
      return (data ?? []).map((row): ClaimedMessage => ({
        id: row.id,
        template: row.template as Template,
        recipient: row.recipient as ClaimedMessage['recipient'],
        toAddress: row.to_address ?? null,
        linkToken: row.link_token ?? null,
        applicantName: row.applicant_name ?? null,
        recipientName: row.recipient_name ?? null,
        // Null for the daily overview, which belongs to no application.
        reference: row.reference ?? null,
        kind: (row.kind ?? null) as ApplicationKind | null,
        receivedAt: row.received_at ? new Date(row.received_at) : null,
        overviewOn: row.overview_on ?? null,
        overviewCounts: row.overview_counts ?? null,
        attempts: row.attempts,
        idempotencyKey: row.idempotency_key,
      }));
    },
    async complete(id, providerId) {
      const { error } = await client.rpc('complete_outbox_message', {
        message_id: id,
        provider_id: providerId,
      });
      check(error, 'complete_outbox_message');
    },
    async fail(id, message, retryAt) {
      const { error } = await client.rpc('fail_outbox_message', {
        message_id: id,
        error: message,
        ...(retryAt ? { retry_at: retryAt.toISOString() } : {}),
      });
      check(error, 'fail_outbox_message');
    },
  };
}
