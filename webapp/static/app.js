// Newsdesk page enhancements. Everything works without this file; it adds timeline
// brushing, a smarter "back to search" link and the "/" shortcut. No inline scripts:
// data comes from data- attributes written by the server.
(function () {
  "use strict";

  function searchWithDates(base, from, to) {
    var url = new URL(base, window.location.href);
    url.searchParams.set("from", from);
    url.searchParams.set("to", to);
    url.searchParams.delete("page");
    return url.toString();
  }

  function initTimeline(figure) {
    var svg = figure.querySelector(".chart svg");
    if (!svg) {
      return;
    }
    var bars = Array.prototype.slice.call(svg.querySelectorAll("a.bar"));
    var brush = svg.querySelector(".brush");
    var base = figure.getAttribute("data-base-url");
    if (!bars.length || !brush || !base) {
      return;
    }
    var slot = svg.viewBox.baseVal.width / bars.length;
    var anchor = null;
    var current = null;
    var swallowClick = false;

    function indexAt(clientX) {
      var box = svg.getBoundingClientRect();
      var position = Math.floor(((clientX - box.left) / box.width) * bars.length);
      return Math.max(0, Math.min(bars.length - 1, position));
    }

    function paint(first, last) {
      var low = Math.min(first, last);
      var high = Math.max(first, last);
      brush.setAttribute("x", String(low * slot));
      brush.setAttribute("width", String((high - low + 1) * slot));
      bars.forEach(function (bar, i) {
        bar.classList.toggle("in-brush", i >= low && i <= high);
      });
    }

    function reset() {
      anchor = null;
      brush.setAttribute("width", "0");
      bars.forEach(function (bar) {
        bar.classList.remove("in-brush");
      });
    }

    svg.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) {
        return;
      }
      anchor = current = indexAt(event.clientX);
      paint(anchor, current);
      svg.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    svg.addEventListener("pointermove", function (event) {
      if (anchor === null) {
        return;
      }
      current = indexAt(event.clientX);
      paint(anchor, current);
    });
    svg.addEventListener("pointerup", function () {
      if (anchor === null) {
        return;
      }
      var low = Math.min(anchor, current);
      var high = Math.max(anchor, current);
      anchor = null;
      swallowClick = true; // the click that follows must not also follow a bar link
      svg.setAttribute("aria-busy", "true");
      window.location.assign(
        searchWithDates(base, bars[low].getAttribute("data-from"), bars[high].getAttribute("data-to"))
      );
    });
    svg.addEventListener("pointercancel", reset);
    svg.addEventListener(
      "click",
      function (event) {
        if (swallowClick) {
          event.preventDefault();
          swallowClick = false;
        }
      },
      true
    );
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && anchor !== null) {
        reset();
      }
    });
  }

  function initBackLink() {
    var back = document.getElementById("back-to-search");
    if (!back || !document.referrer) {
      return;
    }
    var previous;
    try {
      previous = new URL(document.referrer);
    } catch (error) {
      return;
    }
    // Only our own search page: rebuilt from path and query, never a foreign URL.
    if (previous.origin === window.location.origin && previous.pathname === "/") {
      back.setAttribute("href", "/" + previous.search);
    }
  }

  function initSlashShortcut() {
    var box = document.querySelector(".searchbox input[type=search]");
    if (!box) {
      return;
    }
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
        target.isContentEditable);
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        box.focus();
        box.select();
      }
    });
  }

  // Empty date fields would put "from=&to=" into every URL; leave them out of the submission.
  function initTidyForm() {
    var form = document.getElementById("search-form");
    if (!form) {
      return;
    }
    var optional = ["from", "to"];
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (optional.indexOf(field.name) >= 0 && !field.value) {
          field.disabled = true;
        }
      });
    });
    // A page restored from the back/forward cache must not keep those fields disabled.
    window.addEventListener("pageshow", function () {
      Array.prototype.forEach.call(form.elements, function (field) {
        field.disabled = false;
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var timeline = document.getElementById("timeline");
    if (timeline) {
      initTimeline(timeline);
    }
    initBackLink();
    initSlashShortcut();
    initTidyForm();
  });
})();
