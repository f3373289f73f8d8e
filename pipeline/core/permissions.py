"""What each GitHub command needs of its token, in one place: the commands' help, their "token missing" message
and their "token refused" message all say the same, and PANDUAN-ADMIN.md repeats it.

The approval chain and the publish workflow run with the GitHub App PPID's token; `ppid setup` changes the
organisation's teams and the repository's rules, which only an organisation owner (or a token with the same
administration rights) may do.
"""

from __future__ import annotations

CHAIN = ("token GitHub App PPID (atau token fine-grained akun bot) dengan izin repositori Pull requests: read and "
         "write, Issues: read and write, Commit statuses: read and write, Contents: read, dan izin organisasi "
         "Members: read")
ARSIP = ("token GitHub App PPID dengan izin repositori Contents: read (read and write untuk --dorong), Pull "
         "requests: read, Issues: read, dan izin organisasi Members: read")
MULAI_ARSIP = ("token GitHub App PPID dengan izin repositori Contents: read (read and write untuk --dorong), dan izin "
               "organisasi Members: read (untuk memastikan peminta anggota tim admin PPID)")
SETUP = ("token pemilik organisasi: token klasik dengan cakupan repo dan admin:org, atau token fine-grained dengan "
         "izin repositori Administration, Environments dan Pages: read and write, serta izin organisasi "
         "Members: read and write (token GitHub App PPID tidak cukup)")
STATUS = "token GitHub App PPID dengan izin Commit statuses: write (job Status ppid/isi di periksa.yml)"
DISPOSISI = ("token GitHub App PPID dengan izin repositori Issues: read and write, Pull requests: read dan "
             "Contents: read (nomor berikutnya juga tidak boleh dipakai PR yang masih terbuka)")
# `ppid check --repo` and `ppid baru`: the open PRs and their announcements, nothing more.
DRAFTS = ("token yang boleh membaca repositori: izin Pull requests: read dan Contents: read (di job Periksa isi: "
          "token bawaan GitHub Actions; di laptop: token fine-grained hanya-baca untuk repositori PPID)")
JADWAL = ("token GitHub App PPID dengan izin repositori Issues: read and write, dan izin organisasi Members: read "
          "(untuk menugaskan issue kepada anggota tim Kabid/Kasubag)")
