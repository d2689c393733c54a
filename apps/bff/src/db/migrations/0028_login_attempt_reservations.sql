-- A sign-in now records its attempt against its budgets before the password is checked, and
-- removes it again when the password was right or the budget was already spent: guesses sent all
-- at once each see the others, so no more passwords are checked than the budget allows. The
-- attempt column names the rows of one sign-in so they can be removed.
ALTER TABLE login_failures
  ADD COLUMN attempt CHAR(32) CHARACTER SET ascii NULL,
  ADD KEY ix_login_failures_attempt (attempt);
