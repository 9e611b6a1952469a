/*
 * The book's search scores: Sphinx's own (searchtools.js), with two changes.
 * The landing page (index) lists the parts of the book under captions that
 * use the chapters' own words ("Neurons and deep networks", "뉴런과 심층
 * 신경망"), which Sphinx counts as titles of the landing page; so a word of a
 * chapter's title tied with the landing page, and the landing page came first
 * by name. A word found in the landing page's text now scores one less there.
 * And Sphinx scores an index entry that is the whole query 100, so the
 * glossary's entry for a term came before the chapter whose titles name it;
 * an entry now scores as a title one less (14 for the whole entry), after
 * that chapter and before the pages that only mention the term.
 * annbook_book/checks/search.py ranks the Korean edition's queries the same way.
 */
var Scorer = {
  score: (result) => {
    const [docname, _title, _anchor, _descr, score, _filename, kind] = result;
    if (kind === "index") return Math.round((score * (Scorer.title - 1)) / 100);
    return docname === "index" && kind === "text" ? score - 1 : score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: {
    0: 15,
    1: 5,
    2: -5,
  },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
