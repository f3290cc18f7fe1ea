;;; kata-config.el --- kata-config for Emacs through eglot  -*- lexical-binding: t -*-
;; eglot is part of Emacs 29+; on Emacs 28, install it first (Debian: apt-get install elpa-eglot).
(require 'eglot)
(defun kata-config-file-p ()
  "Whether the current buffer is a Kata config."
  (let ((name (or buffer-file-name "")))
    (or (string-match-p "/configuration[^/]*\\.toml\\(\\.in\\)?\\'" name)
        (string-match-p "/kata-containers/" name)
        (save-excursion
          (goto-char (point-min))
          (re-search-forward "^[ \t]*\\[hypervisor\\." nil t)))))
(add-to-list 'auto-mode-alist '("\\.toml\\.in\\'" . conf-toml-mode))
(add-to-list 'eglot-server-programs '((conf-toml-mode toml-ts-mode) . ("kata-config-language-server" "--stdio")))
(setq-default eglot-workspace-configuration '(:kata (:hostChecks "auto")))
(defun kata-config-maybe-eglot ()
  (when (kata-config-file-p) (eglot-ensure)))
(add-hook 'conf-toml-mode-hook #'kata-config-maybe-eglot)
(add-hook 'toml-ts-mode-hook #'kata-config-maybe-eglot)
