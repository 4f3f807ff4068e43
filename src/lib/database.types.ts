export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  public: {
    Tables: {
      application_checklists: {
        Row: {
          application_id: string;
          certificate_issued_on: string | null;
          certificate_verified_at: string | null;
          certificate_verified_by: string | null;
          conversation_held_on: string | null;
          home_visit_held_on: string | null;
          last_contact_note_at: string | null;
          partner_certificate_issued_on: string | null;
          partner_certificate_verified_at: string | null;
          partner_certificate_verified_by: string | null;
          references_checked: boolean;
          references_checked_at: string | null;
          references_checked_by: string | null;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          application_id: string;
          certificate_issued_on?: string | null;
          certificate_verified_at?: string | null;
          certificate_verified_by?: string | null;
          conversation_held_on?: string | null;
          home_visit_held_on?: string | null;
          last_contact_note_at?: string | null;
          partner_certificate_issued_on?: string | null;
          partner_certificate_verified_at?: string | null;
          partner_certificate_verified_by?: string | null;
          references_checked?: boolean;
          references_checked_at?: string | null;
          references_checked_by?: string | null;
          updated_at?: string;
        };
        Update: {
          application_id?: string;
          certificate_issued_on?: string | null;
          certificate_verified_at?: string | null;
          certificate_verified_by?: string | null;
          conversation_held_on?: string | null;
          home_visit_held_on?: string | null;
          last_contact_note_at?: string | null;
          partner_certificate_issued_on?: string | null;
          partner_certificate_verified_at?: string | null;
          partner_certificate_verified_by?: string | null;
          references_checked?: boolean;
          references_checked_at?: string | null;
          references_checked_by?: string | null;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'application_checklists_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: true;
            referencedRelation: 'applications';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'application_checklists_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: true;
            referencedRelation: 'journal_queue';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'application_checklists_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: true;
            referencedRelation: 'screening_queue';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'application_checklists_certificate_verified_by_fkey';
            columns: ['certificate_verified_by'];
            isOneToOne: false;
            referencedRelation: 'coordinators';
            referencedColumns: ['user_id'];
          },
          {
            foreignKeyName: 'application_checklists_partner_certificate_verified_by_fkey';
            columns: ['partner_certificate_verified_by'];
            isOneToOne: false;
            referencedRelation: 'coordinators';
            referencedColumns: ['user_id'];
          },
          {
            foreignKeyName: 'application_checklists_references_checked_by_fkey';
            columns: ['references_checked_by'];
            isOneToOne: false;
            referencedRelation: 'coordinators';
            referencedColumns: ['user_id'];
          },
        ];
      };
      application_notes: {
        Row: {
          application_id: string;
          author_id: string;
          body: string;
          created_at: string;
          id: number;
          is_contact: boolean;
        };
        ComputedFields: never;
        Insert: {
          application_id: string;
          author_id?: string;
          body: string;
          created_at?: string;
          id?: never;
          is_contact?: boolean;
        };
        Update: {
          application_id?: string;
          author_id?: string;
          body?: string;
          created_at?: string;
          id?: never;
          is_contact?: boolean;
        };
        Relationships: [
          {
            foreignKeyName: 'application_notes_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: false;
            referencedRelation: 'applications';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'application_notes_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: false;
            referencedRelation: 'journal_queue';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'application_notes_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: false;
            referencedRelation: 'screening_queue';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'application_notes_author_id_fkey';
            columns: ['author_id'];
            isOneToOne: false;
            referencedRelation: 'coordinators';
            referencedColumns: ['user_id'];
          },
        ];
      };
      applications: {
        Row: {
          adults: number | null;
          also_available: string[] | null;
          applies_together: boolean;
          applying_with: string | null;
          assigned_to: string | null;
          availability: string[] | null;
          call_time: string | null;
          certificate_issued_on: string | null;
          certificate_status: string;
          children: number | null;
          children_ages: string | null;
          children_capacity: number | null;
          commitment_months: number;
          confirmed_requirements: string[];
          contact_due_on: string;
          email: string;
          erasure_requested_at: string | null;
          experience_kinds: string[] | null;
          experience_years: number | null;
          full_name: string;
          heard_about: string | null;
          id: string;
          journal_reference: string | null;
          journaled_at: string | null;
          journaled_by: string | null;
          kind: string;
          languages: string | null;
          motivation: string;
          others_informed: string | null;
          over_18: boolean;
          partner_email: string | null;
          partner_name: string | null;
          partner_phone: string | null;
          phone: string;
          postal_place: string;
          postcode: string;
          privacy_consent: boolean;
          privacy_version: string;
          received_at: string;
          received_on: string;
          referees_wanted: number;
          reference: string;
          siblings: string | null;
          spare_bed: boolean | null;
          status: string;
          status_changed_at: string | null;
          status_changed_by: string | null;
          street_address: string;
          submission_id: string;
          suited_ages: string[] | null;
          weekends_per_month: number | null;
          withdrawn_by_applicant: boolean;
        };
        ComputedFields: never;
        Insert: {
          adults?: number | null;
          also_available?: string[] | null;
          applies_together?: never;
          applying_with?: string | null;
          assigned_to?: string | null;
          availability?: string[] | null;
          call_time?: string | null;
          certificate_issued_on?: string | null;
          certificate_status: string;
          children?: number | null;
          children_ages?: string | null;
          children_capacity?: number | null;
          commitment_months: number;
          confirmed_requirements: string[];
          contact_due_on?: never;
          email: string;
          erasure_requested_at?: string | null;
          experience_kinds?: string[] | null;
          experience_years?: number | null;
          full_name: string;
          heard_about?: string | null;
          id?: string;
          journal_reference?: string | null;
          journaled_at?: string | null;
          journaled_by?: string | null;
          kind: string;
          languages?: string | null;
          motivation: string;
          others_informed?: string | null;
          over_18: boolean;
          partner_email?: string | null;
          partner_name?: string | null;
          partner_phone?: string | null;
          phone: string;
          postal_place: string;
          postcode: string;
          privacy_consent: boolean;
          privacy_version: string;
          received_at?: string;
          received_on?: string;
          referees_wanted?: number;
          reference: string;
          siblings?: string | null;
          spare_bed?: boolean | null;
          status?: string;
          status_changed_at?: string | null;
          status_changed_by?: string | null;
          street_address: string;
          submission_id: string;
          suited_ages?: string[] | null;
          weekends_per_month?: number | null;
          withdrawn_by_applicant?: boolean;
        };
        Update: {
          adults?: number | null;
          also_available?: string[] | null;
          applies_together?: never;
          applying_with?: string | null;
          assigned_to?: string | null;
          availability?: string[] | null;
          call_time?: string | null;
          certificate_issued_on?: string | null;
          certificate_status?: string;
          children?: number | null;
          children_ages?: string | null;
          children_capacity?: number | null;
          commitment_months?: number;
          confirmed_requirements?: string[];
          contact_due_on?: never;
          email?: string;
          erasure_requested_at?: string | null;
          experience_kinds?: string[] | null;
          experience_years?: number | null;
          full_name?: string;
          heard_about?: string | null;
          id?: string;
          journal_reference?: string | null;
          journaled_at?: string | null;
          journaled_by?: string | null;
          kind?: string;
          languages?: string | null;
          motivation?: string;
          others_informed?: string | null;
          over_18?: boolean;
          partner_email?: string | null;
          partner_name?: string | null;
          partner_phone?: string | null;
          phone?: string;
          postal_place?: string;
          postcode?: string;
          privacy_consent?: boolean;
          privacy_version?: string;
          received_at?: string;
          received_on?: string;
          referees_wanted?: number;
          reference?: string;
          siblings?: string | null;
          spare_bed?: boolean | null;
          status?: string;
          status_changed_at?: string | null;
          status_changed_by?: string | null;
          street_address?: string;
          submission_id?: string;
          suited_ages?: string[] | null;
          weekends_per_month?: number | null;
          withdrawn_by_applicant?: boolean;
        };
        Relationships: [
          {
            foreignKeyName: 'applications_assigned_to_fkey';
            columns: ['assigned_to'];
            isOneToOne: false;
            referencedRelation: 'coordinators';
            referencedColumns: ['user_id'];
          },
          {
            foreignKeyName: 'applications_journaled_by_fkey';
            columns: ['journaled_by'];
            isOneToOne: false;
            referencedRelation: 'coordinators';
            referencedColumns: ['user_id'];
          },
          {
            foreignKeyName: 'applications_status_changed_by_fkey';
            columns: ['status_changed_by'];
            isOneToOne: false;
            referencedRelation: 'coordinators';
            referencedColumns: ['user_id'];
          },
        ];
      };
      audit_log: {
        Row: {
          action: string;
          actor_id: string | null;
          actor_role: string;
          application_id: string | null;
          changes: NonNullable<Json>;
          id: number;
          occurred_at: string;
          row_key: string | null;
          table_name: string;
        };
        ComputedFields: never;
        Insert: {
          action: string;
          actor_id?: string | null;
          actor_role: string;
          application_id?: string | null;
          changes?: NonNullable<Json>;
          id?: never;
          occurred_at?: string;
          row_key?: string | null;
          table_name: string;
        };
        Update: {
          action?: string;
          actor_id?: string | null;
          actor_role?: string;
          application_id?: string | null;
          changes?: NonNullable<Json>;
          id?: never;
          occurred_at?: string;
          row_key?: string | null;
          table_name?: string;
        };
        Relationships: [];
      };
      checklist_items: {
        Row: {
          at_column: string | null;
          by_column: string | null;
          certificate: boolean;
          column_name: string;
          done_text: string;
          hint: string | null;
          input: string;
          item: Database['public']['Enums']['checklist_item'];
          kinds: string[];
          label: string;
          not_done_text: string;
          only_together: boolean;
          position: number;
          undo_label: string | null;
        };
        ComputedFields: never;
        Insert: {
          at_column?: string | null;
          by_column?: string | null;
          certificate?: boolean;
          column_name: string;
          done_text: string;
          hint?: string | null;
          input: string;
          item: Database['public']['Enums']['checklist_item'];
          kinds: string[];
          label: string;
          not_done_text: string;
          only_together?: boolean;
          position: number;
          undo_label?: string | null;
        };
        Update: {
          at_column?: string | null;
          by_column?: string | null;
          certificate?: boolean;
          column_name?: string;
          done_text?: string;
          hint?: string | null;
          input?: string;
          item?: Database['public']['Enums']['checklist_item'];
          kinds?: string[];
          label?: string;
          not_done_text?: string;
          only_together?: boolean;
          position?: number;
          undo_label?: string | null;
        };
        Relationships: [];
      };
      co_applicant_parts: {
        Row: {
          answered_at: string | null;
          application_id: string;
          call_time: string | null;
          certificate_issued_on: string | null;
          certificate_status: string | null;
          expires_at: string | null;
          over_18: boolean | null;
          phone: string | null;
          privacy_version: string | null;
          requested_at: string | null;
          status: string;
        };
        ComputedFields: never;
        Insert: {
          answered_at?: string | null;
          application_id: string;
          call_time?: string | null;
          certificate_issued_on?: string | null;
          certificate_status?: string | null;
          expires_at?: string | null;
          over_18?: boolean | null;
          phone?: string | null;
          privacy_version?: string | null;
          requested_at?: string | null;
          status?: string;
        };
        Update: {
          answered_at?: string | null;
          application_id?: string;
          call_time?: string | null;
          certificate_issued_on?: string | null;
          certificate_status?: string | null;
          expires_at?: string | null;
          over_18?: boolean | null;
          phone?: string | null;
          privacy_version?: string | null;
          requested_at?: string | null;
          status?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'co_applicant_parts_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: true;
            referencedRelation: 'applications';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'co_applicant_parts_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: true;
            referencedRelation: 'journal_queue';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'co_applicant_parts_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: true;
            referencedRelation: 'screening_queue';
            referencedColumns: ['id'];
          },
        ];
      };
      coordinators: {
        Row: {
          active: boolean;
          created_at: string;
          name: string;
          role: string;
          user_id: string;
        };
        ComputedFields: never;
        Insert: {
          active?: boolean;
          created_at?: string;
          name: string;
          role?: string;
          user_id: string;
        };
        Update: {
          active?: boolean;
          created_at?: string;
          name?: string;
          role?: string;
          user_id?: string;
        };
        Relationships: [];
      };
      outbox_messages: {
        Row: {
          application_id: string;
          attempts: number;
          created_at: string;
          id: string;
          idempotency_key: string;
          last_error: string | null;
          locked_until: string | null;
          next_attempt_at: string;
          provider_id: string | null;
          recipient: string;
          sent_at: string | null;
          status: string;
          subject_id: string | null;
          template: string;
        };
        ComputedFields: never;
        Insert: {
          application_id: string;
          attempts?: number;
          created_at?: string;
          id?: string;
          idempotency_key?: never;
          last_error?: string | null;
          locked_until?: string | null;
          next_attempt_at?: string;
          provider_id?: string | null;
          recipient: string;
          sent_at?: string | null;
          status?: string;
          subject_id?: string | null;
          template: string;
        };
        Update: {
          application_id?: string;
          attempts?: number;
          created_at?: string;
          id?: string;
          idempotency_key?: never;
          last_error?: string | null;
          locked_until?: string | null;
          next_attempt_at?: string;
          provider_id?: string | null;
          recipient?: string;
          sent_at?: string | null;
          status?: string;
          subject_id?: string | null;
          template?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'outbox_messages_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: false;
            referencedRelation: 'applications';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'outbox_messages_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: false;
            referencedRelation: 'journal_queue';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'outbox_messages_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: false;
            referencedRelation: 'screening_queue';
            referencedColumns: ['id'];
          },
        ];
      };
      referees: {
        Row: {
          answered_at: string | null;
          answers: Json | null;
          application_id: string;
          email: string;
          expires_at: string | null;
          full_name: string;
          id: string;
          phone: string;
          phone_note: string | null;
          position: number;
          recorded_by: string | null;
          relation: string;
          reminded_at: string | null;
          requested_at: string | null;
          status: string;
        };
        ComputedFields: never;
        Insert: {
          answered_at?: string | null;
          answers?: Json | null;
          application_id: string;
          email: string;
          expires_at?: string | null;
          full_name: string;
          id?: string;
          phone: string;
          phone_note?: string | null;
          position: number;
          recorded_by?: string | null;
          relation: string;
          reminded_at?: string | null;
          requested_at?: string | null;
          status?: string;
        };
        Update: {
          answered_at?: string | null;
          answers?: Json | null;
          application_id?: string;
          email?: string;
          expires_at?: string | null;
          full_name?: string;
          id?: string;
          phone?: string;
          phone_note?: string | null;
          position?: number;
          recorded_by?: string | null;
          relation?: string;
          reminded_at?: string | null;
          requested_at?: string | null;
          status?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'referees_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: false;
            referencedRelation: 'applications';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'referees_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: false;
            referencedRelation: 'journal_queue';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'referees_application_id_fkey';
            columns: ['application_id'];
            isOneToOne: false;
            referencedRelation: 'screening_queue';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'referees_recorded_by_fkey';
            columns: ['recorded_by'];
            isOneToOne: false;
            referencedRelation: 'coordinators';
            referencedColumns: ['user_id'];
          },
        ];
      };
      screening_settings: {
        Row: {
          approved_retention_months: number;
          id: boolean;
          referees_wanted: number;
          retention_months: number;
        };
        ComputedFields: never;
        Insert: {
          approved_retention_months?: number;
          id?: boolean;
          referees_wanted?: number;
          retention_months?: number;
        };
        Update: {
          approved_retention_months?: number;
          id?: boolean;
          referees_wanted?: number;
          retention_months?: number;
        };
        Relationships: [];
      };
    };
    Views: {
      journal_queue: {
        Row: {
          assigned_to: string | null;
          ended_at: string | null;
          erasure_requested_at: string | null;
          full_name: string;
          id: string;
          kind: string;
          received_at: string;
          reference: string;
          status: string;
        };
        ComputedFields: never;
        Insert: {
          assigned_to?: string | null;
          ended_at?: string | null;
          erasure_requested_at?: string | null;
          full_name?: string | null;
          id?: string | null;
          kind?: string | null;
          received_at?: string | null;
          reference?: string | null;
          status?: string | null;
        };
        Update: {
          assigned_to?: string | null;
          ended_at?: string | null;
          erasure_requested_at?: string | null;
          full_name?: string | null;
          id?: string | null;
          kind?: string | null;
          received_at?: string | null;
          reference?: string | null;
          status?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: 'applications_assigned_to_fkey';
            columns: ['assigned_to'];
            isOneToOne: false;
            referencedRelation: 'coordinators';
            referencedColumns: ['user_id'];
          },
        ];
      };
      screening_queue: {
        Row: {
          assigned_to: string | null;
          certificate_days_left: number | null;
          certificate_expired: boolean | null;
          certificate_expiring: boolean | null;
          certificate_issued_on: string | null;
          certificate_missing: boolean | null;
          certificate_valid_until: string | null;
          certificate_verified: boolean | null;
          contact_due_on: string;
          days_since_last_contact: number | null;
          days_since_received: number | null;
          erasure_requested_at: string | null;
          full_name: string;
          id: string;
          journaled: boolean | null;
          kind: string;
          last_contact_on: string | null;
          no_contact_overdue: boolean | null;
          received_at: string;
          reference: string;
          status: string;
          urgency: number | null;
        };
        ComputedFields: never;
        Relationships: [
          {
            foreignKeyName: 'applications_assigned_to_fkey';
            columns: ['assigned_to'];
            isOneToOne: false;
            referencedRelation: 'coordinators';
            referencedColumns: ['user_id'];
          },
        ];
      };
    };
    Functions: {
      answer_co_applicant: { Args: { answer: Json; token: string }; Returns: Json };
      answer_reference: { Args: { answer: Json; token: string }; Returns: Json };
      applicant_change_email: {
        Args: { new_email: string; reference: string; session: string };
        Returns: Json;
      };
      applicant_page: { Args: { session: string }; Returns: Json };
      applicant_request_erasure: { Args: { reference: string; session: string }; Returns: Json };
      applicant_update_contact: {
        Args: { changes: Json; reference: string; session: string };
        Returns: Json;
      };
      applicant_withdraw: { Args: { reference: string; session: string }; Returns: Json };
      application_next_steps: {
        Args: { application_reference: string };
        Returns: {
          approval_missing: string[];
          label: string;
          status: string;
        }[];
      };
      application_receipt: { Args: { submission_id: string }; Returns: string };
      case_checklist: {
        Args: { application_reference: string };
        Returns: {
          done: boolean;
          done_text: string;
          hint: string;
          input: string;
          item: Database['public']['Enums']['checklist_item'];
          label: string;
          not_done_text: string;
          recorded_at: string;
          recorded_by: string;
          undo_label: string;
          valid_until: string;
          value: string;
        }[];
      };
      claim_outbox_messages: {
        Args: { batch?: number; lease_seconds?: number; max_attempts?: number };
        Returns: {
          applicant_name: string;
          attempts: number;
          id: string;
          idempotency_key: string;
          kind: string;
          link_token: string;
          received_at: string;
          recipient: string;
          recipient_name: string;
          reference: string;
          template: string;
          to_address: string;
        }[];
      };
      complete_outbox_message: {
        Args: { message_id: string; provider_id: string };
        Returns: boolean;
      };
      confirm_email_change: { Args: { token: string }; Returns: Json };
      end_applicant_session: { Args: { session: string }; Returns: Json };
      erase_application: { Args: { application_id: string }; Returns: Json };
      fail_outbox_message: {
        Args: { error: string; message_id: string; retry_at?: string };
        Returns: boolean;
      };
      lead_figures_by_month: {
        Args: { from_month: string; kind?: string; to_month: string };
        Returns: {
          approved: number;
          contacted: number;
          contacted_in_time: number;
          contacted_in_time_percent: number;
          conversations: number;
          declined: number;
          median_days_to_contact: number;
          median_days_to_decision: number;
          month: string;
          received: number;
          withdrawn_by_applicant: number;
          withdrawn_by_service: number;
        }[];
      };
      lead_figures_by_source: {
        Args: { from_month: string; kind?: string; to_month: string };
        Returns: {
          approved: number;
          received: number;
          source: string;
        }[];
      };
      lead_figures_complete_from: { Args: Record<PropertyKey, never>; Returns: string };
      open_applicant_session: { Args: { client: string; link_token: string }; Returns: Json };
      open_link: { Args: { token: string }; Returns: Json };
      record_checklist: {
        Args: {
          application_reference: string;
          item: Database['public']['Enums']['checklist_item'];
          value: Json;
        };
        Returns: boolean;
      };
      record_phone_reference: { Args: { note: string; referee_id: string }; Returns: boolean };
      request_applicant_link: {
        Args: { client: string; email: string; limits: Json };
        Returns: Json;
      };
      request_references: { Args: { application_reference: string }; Returns: number };
      resend_link: {
        Args: { application_reference: string; referee_id?: string };
        Returns: boolean;
      };
      run_scheduled_jobs: { Args: Record<PropertyKey, never>; Returns: Json };
      screening_queue_counts: {
        Args: { ended_cap: number };
        Returns: {
          ended_count: number;
          mine_count: number;
          new_count: number;
          open_count: number;
          urgent_count: number;
        }[];
      };
      send_link_reminders: { Args: { as_of?: string }; Returns: number };
      sign_in_attempt: {
        Args: { client: string; email: string; limits: Json; step: string };
        Returns: string;
      };
      submit_application: { Args: { '': Json }; Returns: string };
    };
    Enums: {
      checklist_item:
        'certificate' | 'partnerCertificate' | 'conversation' | 'homeVisit' | 'references';
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
};

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>;

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, 'public'>];

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])[TableName] extends {
      Row: infer R;
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
    ? (DefaultSchema['Tables'] & DefaultSchema['Views'])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R;
      }
      ? R
      : never
    : never;

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
      Insert: infer I;
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
    ? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I;
      }
      ? I
      : never
    : never;

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
      Update: infer U;
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
    ? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U;
      }
      ? U
      : never
    : never;

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    keyof DefaultSchema['Enums'] | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums']
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums'][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema['Enums']
    ? DefaultSchema['Enums'][DefaultSchemaEnumNameOrOptions]
    : never;

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    keyof DefaultSchema['CompositeTypes'] | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes']
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes'][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema['CompositeTypes']
    ? DefaultSchema['CompositeTypes'][PublicCompositeTypeNameOrOptions]
    : never;

export const Constants = {
  public: {
    Enums: {
      checklist_item: [
        'certificate',
        'partnerCertificate',
        'conversation',
        'homeVisit',
        'references',
      ],
    },
  },
} as const;
