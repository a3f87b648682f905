"""`make run`'s first admin: the login it prints is one that works, start after start."""

import stat

import run as make_run

DEFAULT = make_run.DEFAULT_ADMIN


def start(tmp_path, **given: str) -> tuple[dict, bool]:
    return make_run.prepare_environment({"VAR_DIR": str(tmp_path), **given})


def admin_file(tmp_path) -> dict:
    return make_run._read_env_file(tmp_path / "admin.env")


def test_the_first_start_generates_a_password_and_later_starts_reuse_it(tmp_path):
    env, generated = start(tmp_path)
    assert generated and env["ADMIN_EMAIL"] == DEFAULT and len(env["ADMIN_PASSWORD"]) >= 16
    assert admin_file(tmp_path) == {"ADMIN_EMAIL": DEFAULT,
                                    "ADMIN_PASSWORD": env["ADMIN_PASSWORD"]}
    assert stat.S_IMODE((tmp_path / "admin.env").stat().st_mode) == 0o600

    again, generated_again = start(tmp_path)
    assert not generated_again
    assert (again["ADMIN_EMAIL"], again["ADMIN_PASSWORD"]) == (DEFAULT, env["ADMIN_PASSWORD"])


def test_a_given_password_is_used_and_never_written_down(tmp_path):
    env, generated = start(tmp_path, ADMIN_PASSWORD="kata-sandi-pilihan-1")
    assert not generated
    assert (env["ADMIN_EMAIL"], env["ADMIN_PASSWORD"]) == (DEFAULT, "kata-sandi-pilihan-1")
    assert not (tmp_path / "admin.env").exists()


def test_a_given_email_gets_a_generated_password_kept_with_it(tmp_path):
    env, generated = start(tmp_path, ADMIN_EMAIL="kepala@diskoperin.example.id")
    assert generated and env["ADMIN_EMAIL"] == "kepala@diskoperin.example.id"
    assert admin_file(tmp_path) == {"ADMIN_EMAIL": "kepala@diskoperin.example.id",
                                    "ADMIN_PASSWORD": env["ADMIN_PASSWORD"]}


def test_the_login_line_never_shows_a_password_that_belongs_to_no_account(tmp_path):
    env, _ = start(tmp_path)
    created_now = make_run.login_line(env, generated=True, created=True)
    assert env["ADMIN_PASSWORD"] in created_now and "generated now" in created_now
    # An earlier start created this admin with a password it was given; this one generated
    # another, which no account has.
    existing = make_run.login_line(env, generated=True, created=False)
    assert env["ADMIN_PASSWORD"] not in existing and "ADMIN_PASSWORD" in existing
    reused = make_run.login_line(env, generated=False, created=False)
    assert env["ADMIN_PASSWORD"] in reused and "generated now" not in reused
