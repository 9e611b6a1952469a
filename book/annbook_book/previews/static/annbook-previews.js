// Previews of what a link of the text points to, on hover and on keyboard focus
// (annbook_book.previews). The page's previews, made when the book was built,
// are window.annbookPreviews: the HTML of each, by the link's address.
document.addEventListener("DOMContentLoaded", () => {
  const previews = window.annbookPreviews || {};
  if (!window.tippy) return;
  const article = document.querySelector("article") || document.body;
  for (const link of article.querySelectorAll("a.reference.internal[href]")) {
    const html = previews[link.getAttribute("href")];
    if (!html) continue;
    // The preview says more than a citation's title, which the browser would show too.
    link.removeAttribute("title");
    tippy(link, {
      content: html,
      allowHTML: true,
      // The pointer can move onto the preview (to select its text, follow its links).
      interactive: true,
      appendTo: () => document.body,
      aria: { content: "describedby", expanded: false },
      theme: "annbook",
      placement: "bottom-start",
      maxWidth: 460,
      delay: [250, 100],
      onMount(instance) {
        const math = instance.popper.querySelector(".math");
        if (math && window.MathJax?.typesetPromise) {
          MathJax.typesetPromise([instance.popper]).catch(() => {});
        }
      },
    });
  }
  // Escape closes an open preview, as it closes the page's menus.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") tippy.hideAll({ duration: 0 });
  });
});
