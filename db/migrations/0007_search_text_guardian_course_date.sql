-- Search texts now hold the legal guardian, the course and the date (jj-mm-aaaa): rewrite every existing row
-- as lib/core/text/search-texts.ts builds it for new ones. search_fold is normalizeSearchText in SQL, for this rewrite only.
CREATE FUNCTION search_fold(input text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT trim(regexp_replace(
    translate(
      replace(replace(lower(regexp_replace(input, '[\u0001-\u001f\u007f-\u009f]', ' ', 'g')), 'œ', 'oe'), 'æ', 'ae'),
      'àáâãäåāăąèéêëēĕėęěìíîïĩīĭįòóôõöōŏőùúûüũūŭůűųçćĉċčñńņňýÿŷśŝşšźżžďťľĺŕřğĝġģĥĵķ',
      'aaaaaaaaaeeeeeeeeeiiiiiiiioooooooouuuuuuuuuucccccnnnnyyysssszzzdtllrrgggghjk'),
    -- The spaces JavaScript's \s knows, not only the ASCII ones.
    '[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+', ' ', 'g'))
$$;--> statement-breakpoint
UPDATE "conventions" AS c
SET "search_text" = search_fold(concat_ws(' ', c.student_last_name, c.student_first_name, c.guardian_name,
  c.origin_school_name, i.title, to_char(c.internship_date, 'DD-MM-YYYY')))
FROM "enrollments" AS e
JOIN "internships" AS i ON i.id = e.internship_id
WHERE e.id = c.enrollment_id;--> statement-breakpoint
UPDATE "students" SET "search_text" = search_fold(concat_ws(' ', last_name, first_name, guardian_name));--> statement-breakpoint
UPDATE "internships" SET "search_text" = search_fold(concat_ws(' ', title, place, teacher_name, to_char(date, 'DD-MM-YYYY')));--> statement-breakpoint
DROP FUNCTION search_fold(text);
