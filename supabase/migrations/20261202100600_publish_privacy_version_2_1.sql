-- Version 2.1 of the privacy statement (content/pages/personvern.mdx): it lists the new answers
-- (the best time to call; for visit homes applying together, the partner's name, phone and e-mail)
-- and tells the applicant that the partner must know about the application, agree to being named,
-- and has the same rights. Applications may name it from today; 1.0 and 2.0 stay valid for a
-- resend of an application made under them.
--
-- Who may do what: unchanged (only the database owner reads private.privacy_versions).
insert into private.privacy_versions (version, published_on) values ('2.1', '2026-12-02');
