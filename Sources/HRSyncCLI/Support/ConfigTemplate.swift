/// What `hrsync init` writes: the config contract with every key explained.
enum ConfigTemplate {
    static let text = """
        # hrsync.yaml: one Personio account -> one 360Learning platform.
        # A test platform is a second file (say hrsync.test.yaml) with its own base_url and state dir.
        # Secrets never appear in this file: each *_env key names an environment variable, and each
        # *_file key names a file whose content is the secret (systemd credentials, docker secrets).

        personio:
          base_url: https://api.personio.de         # default
          client_id_env: PERSONIO_CLIENT_ID
          client_secret_env: PERSONIO_CLIENT_SECRET
          # client_secret_file: /run/credentials/hrsync/personio_secret
          app_id: ACME_HRSYNC                        # sent as X-Personio-App-ID (UPPER_SNAKE_CASE)
          # ca_file: certs/proxy-ca.pem              # PEM CA(s) trusted besides the system's (a proxy that
                                                     # inspects TLS); relative to this file; SSL_CERT_FILE too

        learning360:
          base_url: https://app.360learning.com      # EU; US is https://app.us.360learning.com
          client_id_env: L360_CLIENT_ID
          client_secret_env: L360_CLIENT_SECRET
          admin_email: lms-admin@acme.example        # connector administrator (platform admin or owner)
          send_invitations: true                     # false on a test platform: no emails
          default_language: en
          # bulk: never                              # default auto: over 50 role changes as one bulk operation
                                                     # (needs the groups:bulk and bulkOperations:read scopes)
          # ca_file: certs/proxy-ca.pem              # as personio.ca_file, for the 360Learning API

        state:
          dir: .hrsync                               # relative to this file; --state overrides
          keep: 90d                                  # retention for snapshots and plans (gc), or rules:
          # keep: {within: 90d, daily: 30, weekly: 12, monthly: 24}   # any subset (restic-style)
          # gc: auto                                 # apply runs gc after it (default: manual)

        sync:
          match: [email, external_id]                # or [external_id, email]

          groups: []                                 # synced top-level 360Learning groups, e.g.
          # - id: 64f1a2b3c4d5e6f7a8b9c0d1           # a 24-hex-digit group id
          #   hierarchy: [office, department]        # optional: level 1 = office, level 2 = department
          # - id: 64f1a2b3c4d5e6f7a8b9c0d2
          #   filter: { attribute: employment_type, in: [external] }

          custom_fields: []                          # Personio attribute key -> 360Learning field name
          # - personio: hire_date
          #   name: Hire date                        # date attributes become date fields
          # - personio: dynamic_1234567
          #   name: Cost center
          #   apply: create_only                     # always (default), create_only (set on create/restore,
                                                     # then 360Learning owns it) or never (not synced)

          # fields: {job: create_only}               # per default field: firstName, lastName, mail, job,
                                                     # manager, group: always (default), create_only, never
                                                     # (never is refused for mail and group)

          filters: []                                # all must hold (AND); use any: [...] for OR
          # - { attribute: employment_type, in: [internal] }
          # operators: equals, not_equals, in, not_in, matches (regex), exists, missing
          filters_apply_to_leavers: false

          max_deletes: 5%                            # deletion guard: a count (25) or a share (5%)
          max_blanked: 5%                            # blanking guard: a field emptied for more users than this
                                                     # (never below 1) is held; apply --allow-blanking FIELD
          max_shrink: 20%                            # pull refuses a snapshot (either side) this much smaller
          # prestart_days: 7                         # onboarding employees: created 7 days before the hire date
          # leavers: delete                          # or deactivate_on_termination_date: toBeDeactivatedAt at
                                                     # the end of the termination day
          # timezone: Europe/Berlin                  # the company's time zone (today, the end of that day)
          # on_guard: hold_guarded                   # over a guard: hold only the deletes/blanks (default with
                                                     # --auto-approve) or hold_all (default by hand)

        # hooks:                                     # after pull/plan/apply, via /bin/sh -c, JSON summary on stdin
        #   on_success: /usr/local/bin/notify-ok
        #   on_hold: mail -s "hrsync held" lms-admins@acme.example
        #   on_failure: /usr/local/bin/page-oncall
        #   include_people: false                    # true adds the Personio ids and emails

        """
}
