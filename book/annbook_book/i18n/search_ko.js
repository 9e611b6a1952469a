/*
 * Korean search (annbook_book/i18n/search_ko.py, which writes the constants
 * above this file and does the same in Python for the index and the check).
 *
 * The stemmer strips a Hangul word's particles and endings. Then, as a
 * student types: a compound typed without its space ("합성곱신경망") is
 * split into words the book uses; a Korean word the book never uses (a verb's
 * ending the stemmer does not know, "막나요") is left out rather than making
 * the query find nothing; a title matches the whole query with the particles
 * stripped and the spaces left out on both sides, so that "순환 신경망은" and
 * "순환신경망" find the chapter "순환 신경망" as "순환 신경망" does; and of two
 * pages tied on their best word, the one whose titles hold more of the
 * query's words comes first.
 */
const stripEndings = (word) => {
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const ending of KOREAN_ENDINGS) {
      if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM) {
        word = word.slice(0, -ending.length);
        stripped = true;
        break;
      }
    }
  }
  return word;
};
window.Stemmer = function () {
  const english = new EnglishStemmer();
  this.stemWord = (word) => {
    word = word.toLowerCase();
    if (HANGUL.test(word)) {
      word = stripEndings(word);
      if (HANGUL.test(word)) return word;
    }
    return english.stemWord(word);
  };
};

/* A text's words as Sphinx's search takes a query's: stemmed, without stop words and numbers. */
const queryWords = (text) => {
  const stemmer = new Stemmer();
  return splitQuery(text.trim())
    .map((word) => word.toLowerCase())
    .filter((word) => !stopwords.has(word) && !word.match(/^\d+$/))
    .map((word) => stemmer.stemWord(word))
    .filter((word) => !stopwords.has(word));
};

/* What a title is compared by: its words stemmed, without stop words, joined without spaces. */
const titleKey = (title) => queryWords(title).join("");

/* The words of the index, and each title's key, worked out once per index. */
const koreanIndex = () => {
  const index = Search._index;
  if (index._korean === undefined) {
    index._korean = {
      known: new Set([...Object.keys(index.terms), ...Object.keys(index.titleterms)]),
      titles: Object.entries(index.alltitles).map(([title, found]) => [
        title,
        titleKey(title),
        found,
      ]),
    };
  }
  return index._korean;
};

/* A compound as words of the index, the longest first word first; null if none. */
const splitCompound = (word, known) => {
  if (known.has(word)) return [word];
  for (let cut = word.length - MIN_STEM; cut >= MIN_STEM; cut--) {
    if (!known.has(word.slice(0, cut))) continue;
    const rest = splitCompound(word.slice(cut), known);
    if (rest !== null) return [word.slice(0, cut), ...rest];
  }
  return null;
};

/* The query's stemmed words as the Korean search looks for them. */
const koreanTerms = (searchTerms) => {
  const { known } = koreanIndex();
  const terms = [];
  for (const term of searchTerms) {
    if (stopwords.has(term)) continue;
    if (!HANGUL.test(term) || known.has(term)) {
      terms.push(term);
      continue;
    }
    const parts = splitCompound(term, known);
    if (parts !== null) terms.push(...parts);
    else if (term.length > 2 && [...known].some((each) => each.includes(term)))
      terms.push(term);
  }
  return terms;
};


/* Titles that hold the whole query (its words, joined), compared by their keys. */
const koreanTitleResults = (terms) => {
  const { titles } = koreanIndex();
  const index = Search._index;
  const wanted = [...terms].join("");
  const results = [];
  if (!wanted) return results;
  for (const [title, key, found] of titles) {
    if (!key.includes(wanted) || wanted.length < key.length / 2) continue;
    for (const [file, id] of found) {
      const score = Math.round((Scorer.title * wanted.length) / key.length);
      const boost = index.titles[file] === title ? 1 : 0;
      results.push([
        index.docnames[file],
        index.titles[file] !== title ? `${index.titles[file]} > ${title}` : title,
        id !== null ? "#" + id : "",
        null,
        score + boost,
        index.filenames[file],
        SearchResultKind.title,
      ]);
    }
  }
  return results;
};

/* A tenth for each more of the query's words in a page's titles: orders pages tied on their best word. */
const titleWordsBonus = (terms, file) => {
  const titleTerms = Search._index.titleterms;
  let titled = 0;
  for (const term of terms) {
    const files = titleTerms.hasOwnProperty(term) ? titleTerms[term] : [];
    if (files === file || (files.length !== undefined && files.includes(file))) titled += 1;
  }
  return TIE_BREAK * Math.max(titled - 1, 0);
};

/* Around Sphinx's own search (searchtools.js, loaded before this file): the query's
 * words as koreanTerms takes them; the pages that hold them with the bonus, and the
 * titles that hold the whole query, among the results Sphinx then scores, orders and
 * keeps once each. */
if (typeof Search !== "undefined") {
  const sphinxParseQuery = Search._parseQuery;
  Search._parseQuery = (query) => {
    const parsed = sphinxParseQuery(query);
    parsed[1] = new Set(koreanTerms(parsed[1]));
    return parsed;
  };
  const sphinxPerformTermsSearch = Search.performTermsSearch;
  Search.performTermsSearch = (searchTerms, excludedTerms) => {
    const results = sphinxPerformTermsSearch(searchTerms, excludedTerms);
    const docnames = Search._index.docnames;
    for (const result of results)
      result[4] += titleWordsBonus(searchTerms, docnames.indexOf(result[0]));
    return [...results, ...koreanTitleResults(searchTerms)];
  };
}
