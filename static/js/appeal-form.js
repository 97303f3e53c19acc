/* The online appeal form: small enhancements. Everything works without them:
   the limit is written next to the text field, and "Добавить соавтора"
   is an ordinary submit button that reloads the form with one more row. */
(function () {
    "use strict";

    function plural(n, one, few, many) {
        var mod10 = n % 10, mod100 = n % 100;
        if (mod10 === 1 && mod100 !== 11) { return one; }
        if (mod10 >= 2 && mod10 <= 4 && (mod100 < 10 || mod100 >= 20)) { return few; }
        return many;
    }

    function countMessage(length, max) {
        var left = max - length;
        if (left >= 0) {
            return "Осталось " + left + " " + plural(left, "знак", "знака", "знаков") + " из " + max + ".";
        }
        var over = -left;
        return "Превышено на " + over + " " + plural(over, "знак", "знака", "знаков") + ": сократите текст до " + max + ".";
    }

    function setUpCounter(group) {
        var textarea = group.querySelector("textarea[data-max-length]");
        var visible = group.querySelector("[data-char-count-message]");
        var live = group.querySelector("[data-char-count-live]");
        if (!textarea || !visible || !live) { return; }
        var max = parseInt(textarea.getAttribute("data-max-length"), 10);
        var timer = null;
        function length() {
            // As the server counts: characters (an emoji is one, not two UTF-16 units),
            // a line break as one character, like the browser's value.
            return Array.from(textarea.value.replace(/\r\n/g, "\n")).length;
        }
        function update(announce) {
            var message = countMessage(length(), max);
            visible.textContent = message;
            visible.classList.toggle("char-count--over", length() > max);
            if (announce) {
                window.clearTimeout(timer);
                timer = window.setTimeout(function () { live.textContent = message; }, 1000);
            }
        }
        visible.hidden = false;
        update(false);
        textarea.addEventListener("input", function () { update(true); });
    }

    function setUpCoAuthors(form) {
        var addButton = form.querySelector("[data-co-author-add]");
        var list = form.querySelector("[data-co-author-list]");
        var count = form.querySelector("[data-co-author-count]");
        var template = document.getElementById("co-author-row-template");
        if (!addButton || !list || !count || !template || !("content" in template)) { return; }
        var max = parseInt(addButton.getAttribute("data-max"), 10);
        addButton.addEventListener("click", function (event) {
            var rows = list.querySelectorAll("[data-co-author-row]").length;
            if (rows >= max) { return; }  // let the server explain
            event.preventDefault();
            var html = template.innerHTML
                .replace(/__index0__/g, String(rows))
                .replace(/__index__/g, String(rows + 1));
            var holder = document.createElement("div");
            holder.innerHTML = html.trim();
            var row = holder.firstElementChild;
            list.appendChild(row);
            count.value = String(rows + 1);
            var first = row.querySelector("input");
            if (first) { first.focus(); }
            if (rows + 1 >= max) { addButton.hidden = true; }
        });
    }

    // Beyond the server's limit on form data (DATA_UPLOAD_MAX_MEMORY_SIZE) the
    // form could not answer with the text kept: stop such a paste here and say so.
    // Below it, the server answers on the form (limits, errors, everything kept).
    function guardSize(form) {
        var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10);
        var textarea = form.querySelector("textarea[data-max-length]");
        var group = form.querySelector("[data-char-count]");
        if (!maxBytes || !textarea || !group || typeof Blob === "undefined") { return; }
        form.addEventListener("submit", function (event) {
            if (new Blob([textarea.value]).size < maxBytes) { return; }
            event.preventDefault();
            var max = parseInt(textarea.getAttribute("data-max-length"), 10);
            var message = group.querySelector("[data-char-count-message]");
            message.hidden = false;
            message.classList.add("char-count--over");
            message.textContent = "Текст слишком большой для отправки: сократите его до " + max + " знаков. Введённое не отправлено и осталось в поле.";
            group.querySelector("[data-char-count-live]").textContent = message.textContent;
            textarea.focus();
        });
    }

    // Leaving the form with unsent changes (a link, the back button, closing the tab) asks first.
    // What was sent with «Продолжить» is kept on the server and comes back at the form's address.
    function warnBeforeLeaving(form) {
        var changed = false;
        form.addEventListener("input", function () { changed = true; });
        form.addEventListener("change", function () { changed = true; });
        form.addEventListener("submit", function () { changed = false; });
        window.addEventListener("beforeunload", function (event) {
            if (!changed) { return; }
            event.preventDefault();
            event.returnValue = "";
        });
    }

    // With no file chosen the form goes URL-encoded: the server reads it in under half the time a multipart
    // body takes, at any length of text (bench/querystring.py: its Cyrillic %XX escapes are decoded in C by
    // home/querystring.py; the standard library's decoding was slower than multipart past ~700 characters).
    // With a file, or without JavaScript, it goes as the form says (multipart). Files kept from an earlier
    // step stay on the server.
    function encodeWithoutFiles(form) {
        form.addEventListener("submit", function () {
            var chosen = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
                return input.files && input.files.length > 0;
            });
            form.enctype = chosen ? "multipart/form-data" : "application/x-www-form-urlencoded";
        });
    }

    // With the script running, a successful step is answered with the next page itself (the check step, the
    // status page) instead of a redirect to it: the page then puts its own address in the history
    // (base.html), so Back and reload make a GET as after a redirect; one round trip fewer each time.
    function answerInPlace(form) {
        var field = document.createElement("input");
        field.type = "hidden";
        field.name = "in_place";
        field.value = "1";
        form.appendChild(field);
    }

    function focusErrorSummary() {
        var summary = document.getElementById("error-summary");
        if (summary) { summary.focus(); }
    }

    function preventDoubleSubmit(form) {
        form.addEventListener("submit", function (event) {
            var submitter = event.submitter;
            if (!submitter || submitter.value !== "send") { return; }
            if (form.getAttribute("data-sending") === "1") { event.preventDefault(); return; }
            form.setAttribute("data-sending", "1");
        });
    }

    document.documentElement.classList.remove("no-js");
    document.documentElement.classList.add("js");
    var form = document.querySelector("[data-appeal-form]");
    if (form) {
        var counter = form.querySelector("[data-char-count]");
        if (counter) { setUpCounter(counter); }
        setUpCoAuthors(form);
        guardSize(form);
        warnBeforeLeaving(form);
        encodeWithoutFiles(form);
        answerInPlace(form);
    }
    Array.prototype.forEach.call(document.querySelectorAll(".appeal-preview form"), function (previewForm) {
        preventDoubleSubmit(previewForm);
        answerInPlace(previewForm);
    });
    focusErrorSummary();
}());
