/*
 * The book's search scores: Sphinx's own (searchtools.js), with one change.
 * The landing page (index) lists the parts of the book under captions that
 * repeat the chapters' own words ("Recurrent networks", "순환 신경망"), which
 * Sphinx counts as titles of the landing page; so a word of a chapter's title
 * tied with the landing page, and the landing page came first by name. A
 * word found in the landing page's text now scores one less there.
 * annbook_book/checks/search.py ranks the Korean edition's queries the same way.
 */
var Scorer = {
  score: (result) => {
    const [docname, _title, _anchor, _descr, score, _filename, kind] = result;
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
