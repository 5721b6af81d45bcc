"""A learner's path across the course: lessons read, quiz scores, mastery per objective, and
spaced review (Leitner boxes). Pure: times are passed in (milliseconds since 1970, as the
browser's ``Date.now()``), nothing here reads the clock or touches storage."""
