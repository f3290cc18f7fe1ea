;;; driver.el --- drive eglot in batch Emacs for test/lsp/emacs.test.ts  -*- lexical-binding: t -*-
;; Emacs was started with the README's configuration (docs/editors/emacs/kata-config.el) on a Kata
;; config. Through eglot's own functions: connect as eglot-ensure does (with the test's
;; eglot-workspace-configuration), wait for flymake's
;; diagnostics, complete keys as completion-at-point does (the candidate inserted, then eglot's
;; exit function), hover, apply a quick fix. Writes what it saw as JSON to $KATA_EDITOR_OUT; the
;; node test judges it.
(require 'json)
(require 'subr-x)

(defvar kata-params (with-temp-buffer
                      (insert-file-contents (getenv "KATA_EDITOR_PARAMS"))
                      (json-parse-buffer :object-type 'plist)))
(defvar kata-out nil)
(defun kata-put (key value) (setq kata-out (plist-put kata-out key value)))

(defun kata-wait (pred seconds)
  "Let Emacs run (process output, timers) until PRED holds or SECONDS pass."
  (let ((until (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) until))
      (accept-process-output nil 0.05))
    (funcall pred)))

(defun kata-goto (line character)
  (goto-char (point-min))
  (forward-line line)
  (forward-char character))

(defun kata-diagnostics ()
  (flymake-start)
  (mapcar (lambda (d)
            (let ((lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))))
              (list :line (1- (line-number-at-pos (flymake-diagnostic-beg d)))
                    :type (symbol-name (flymake-diagnostic-type d))
                    :code (plist-get lsp :code)
                    :message (flymake-diagnostic-text d))))
          (flymake-diagnostics)))

(defun kata-run ()
  (let ((original (buffer-string)))
    ;; The test's settings instead of the README's, to see that they reach the server.
    (setq-default eglot-workspace-configuration (plist-get kata-params :workspaceConfiguration))
    ;; eglot-ensure connects after the next command; batch Emacs runs none.
    (run-hooks 'post-command-hook)
    (kata-put :managed (and (kata-wait (lambda () (bound-and-true-p eglot--managed-mode)) 30) t))
    (when (bound-and-true-p eglot--managed-mode)
      (kata-wait (lambda () (kata-diagnostics)) 30)
      (kata-put :diagnostics (vconcat (kata-diagnostics)))

      (let* ((line (plist-get kata-params :completionLine))
             (_ (kata-goto line 0))
             (capf (eglot-completion-at-point))
             (start (nth 0 capf))
             (end (nth 1 capf))
             (exit (plist-get (nthcdr 3 capf) :exit-function))
             (results nil))
        (dolist (candidate (all-completions "" (nth 2 capf)))
          (let ((item (get-text-property 0 'eglot--lsp-item candidate)))
            (when (eql (plist-get item :kind) 10)
              (kata-goto line 0)
              (delete-region start end)
              (goto-char start)
              (insert candidate)
              (funcall exit candidate 'finished)
              (push (list :label (plist-get item :label)
                          :format (plist-get item :insertTextFormat)
                          :additional (and (plist-get item :additionalTextEdits) t)
                          :text (buffer-string))
                    results)
              (erase-buffer)
              (insert original)
              ;; The server must see the original text again before the next request.
              (eglot--signal-textDocument/didChange))))
        (kata-put :completion (vconcat (nreverse results))))

      (let ((hover (plist-get kata-params :hover)))
        (kata-goto (plist-get hover :line) (plist-get hover :character))
        (let ((answer (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover (eglot--TextDocumentPositionParams))))
          (kata-put :hover (plist-get answer :contents))))

      (let* ((fix (plist-get kata-params :fix))
             (_ (kata-wait (lambda () (seq-find (lambda (d) (and (equal (plist-get d :code) (plist-get fix :code)) (= (plist-get d :line) (plist-get fix :line)))) (kata-diagnostics))) 30))
             (beg (progn (kata-goto (plist-get fix :line) 0) (line-beginning-position)))
             (actions (eglot-code-actions beg (line-end-position) "quickfix"))
             (chosen (seq-find (lambda (a) (equal (plist-get a :title) (plist-get fix :title))) actions)))
        (kata-put :actions (vconcat (mapcar (lambda (a) (plist-get a :title)) actions)))
        (when chosen
          (eglot--read-execute-code-action (list chosen) (eglot--current-server-or-lose) "quickfix")
          (kata-put :applied (plist-get chosen :title))
          (eglot--signal-textDocument/didChange)
          (kata-put :fixed (and (kata-wait (lambda () (not (seq-find (lambda (d) (equal (plist-get d :code) (plist-get fix :code))) (kata-diagnostics)))) 30) t))
          (kata-put :afterFix (buffer-string)))))))

(condition-case err
    (kata-run)
  (error (kata-put :error (format "%S" err))))
(with-temp-file (getenv "KATA_EDITOR_OUT")
  (insert (json-encode kata-out)))
(kill-emacs 0)
