"""A district that runs on its own CA's certificate, enrolled from the window's sync page and
from the setup wizard: a real district server over HTTPS on 127.0.0.1, the CA chosen in
Qt's own file dialog, everything clicked and typed."""

from __future__ import annotations

import pytest
from conftest import ADMIN
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QPushButton, QTabWidget
from test_sync_support import *  # noqa: F403
from test_sync_support import ServerProcess, intake
from test_ui import type_text, ui  # noqa: F401 - fixture
from tls_ca import CA_NAME, make_pki

import machine_secrets
from counterdesk.desk import Desk
from counterdesk.domain.errors import NotAllowed, ServerRefused
from sync.client import SyncClient
from sync.client.credentials import token_name
from sync.client.state import SyncState
from ui import ops
from ui.mainwindow import MainWindow
from ui.syncservice import SyncService, set_ca_bundle


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def https_district(tmp_path_factory, pki):
    """The district server over HTTPS with a certificate its own CA signed."""
    workdir = tmp_path_factory.mktemp("district-tls")
    server = ServerProcess(
        f"sqlite:///{workdir / 'district.sqlite3'}",
        workdir,
        "sqlite",
        tls=(pki.server_chain, pki.server_key),
    ).start()
    yield server
    server.stop()


@pytest.fixture
def desk(make_desk, https_district):
    """A counter PC of a center the district knows, the admin signed in."""
    desk = make_desk(center_code=https_district.new_center())
    desk.login(*ADMIN)
    return desk


def choose_in_file_dialog(qtbot, button: QPushButton, path: str) -> None:
    """Click `button` and, in the file dialog it opens, type `path` and press Enter."""
    seen: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, fill)  # not open yet
            return
        seen.append(dialog.windowTitle())
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        QTest.keyClicks(name, path)
        QTest.keyClick(name, Qt.Key.Key_Return)
        if dialog.isVisible():  # the completer's popup took the first Enter
            QTest.keyClick(name, Qt.Key.Key_Return)

    QTimer.singleShot(50, fill)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # returns once the dialog closed
    assert seen, "no file dialog opened"


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClicks(edit, text)


def sync_tab(qtbot, window: MainWindow):
    """F7, then the 同步 tab clicked."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_F7)
    admin = window.page("admin")
    assert isinstance(admin, QTabWidget)
    bar = admin.tabBar()
    index = next(i for i in range(admin.count()) if admin.tabText(i) == "同步")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    page = admin.sync_page
    qtbot.waitUntil(page.isVisible, timeout=3000)
    return page


def clerk_intake(desk, count: int) -> None:
    """Cases a clerk took at this PC meanwhile (the admin stays signed in)."""
    with desk.acting_as(next(u for u in desk.users() if u.login == "clerk")):
        intake(desk, count)


def button(page, name: str) -> QPushButton:
    found = page.findChild(QPushButton, name)
    assert found is not None and found.isVisible(), name
    return found


def test_enrolling_from_the_sync_page_needs_the_districts_ca(
    qtbot,
    ui,  # noqa: F811
    desk,
    https_district,
    pki,
    tmp_path,
    secret_store,
):
    window = MainWindow(ui, SyncService())
    qtbot.addWidget(window)
    page = sync_tab(qtbot, window)
    assert page.ca_label.text() == "未设置（只信任本机系统的证书）"
    assert not page.clear_ca.isEnabled()
    type_into(qtbot, page.url, https_district.base)
    qtbot.mouseClick(button(page, "save_url"), Qt.MouseButton.LeftButton)
    assert SyncState(desk).get("server_url") == https_district.base
    code = https_district.issue_code(desk.info.center_code)
    type_into(qtbot, page.code, code)

    # Without the CA: a clear refusal that says what to do, and nothing kept.
    qtbot.mouseClick(button(page, "enroll"), Qt.MouseButton.LeftButton)
    error = ops.last_error
    assert error is not None and error.code == "tls"
    said = page.message.text()
    assert "无法验证区级平台的证书" in said and "选择区级提供的 CA 证书" in said
    assert "#b00020" in page.message.styleSheet()
    assert page.choose_ca.hasFocus()  # the next thing to do
    assert page.values["enrolled"].text() == "未注册"
    assert machine_secrets.get(token_name(desk.info.device_id)) is None
    assert SyncState(desk).get("enrolled_ms") == "" and SyncState(desk).get("ca_bundle") == ""
    assert page.code.text() == code  # the code stays for the next try (it was not used)

    # The server's own certificate instead of its CA's: named, not kept.
    ops.last_error = None
    choose_in_file_dialog(qtbot, page.choose_ca, str(pki.leaf))
    assert "是服务器自己的证书" in page.message.text() and CA_NAME in page.message.text()
    assert SyncState(desk).get("ca_bundle") == ""
    assert page.ca_label.text() == "未设置（只信任本机系统的证书）"

    # The district's CA: checked, kept, shown.
    choose_in_file_dialog(qtbot, page.choose_ca, str(pki.ca))
    assert ops.last_error is None, ops.last_error
    kept = desk.path.parent / "district-ca.pem"  # copied beside the store: the PC keeps it
    assert (
        SyncState(desk).get("ca_bundle") == str(kept) and kept.read_bytes() == pki.ca.read_bytes()
    )
    assert str(kept) in page.ca_label.text() and f"{CA_NAME}，有效期至" in page.ca_label.text()
    assert page.clear_ca.isEnabled()

    qtbot.mouseClick(button(page, "enroll"), Qt.MouseButton.LeftButton)
    assert ops.last_error is None, ops.last_error
    assert page.message.text().startswith("注册成功")
    assert page.values["enrolled"].text() == "已注册" and page.code.text() == ""
    assert machine_secrets.get(token_name(desk.info.device_id))

    # Every later sync verifies with it.
    clerk_intake(desk, 2)
    qtbot.mouseClick(button(page, "sync_now"), Qt.MouseButton.LeftButton)
    assert ops.last_error is None, ops.last_error
    assert page.message.text().startswith("同步完成：上传 ")
    assert page.values["pending"].text() == "0"

    # Cleared: the next sync no longer trusts the district, and says how to fix it.
    qtbot.mouseClick(page.clear_ca, Qt.MouseButton.LeftButton)
    assert SyncState(desk).get("ca_bundle") == ""
    assert page.ca_label.text() == "未设置（只信任本机系统的证书）"
    clerk_intake(desk, 1)
    failures: list[BaseException] = []
    window.sync.failed.connect(failures.append)
    qtbot.mouseClick(button(page, "sync_now"), Qt.MouseButton.LeftButton)
    assert failures and failures[0].code == "tls"
    assert "CA 证书" in page.message.text()


def test_a_ca_file_that_went_away_is_shown_and_named_at_the_next_sync(
    qtbot,
    ui,  # noqa: F811
    desk,
    https_district,
    pki,
    tmp_path,
):
    """A CA chosen from a USB stick that was then pulled out: the PC kept a copy beside its
    store, so syncs go on (every sync failed once the stick was out). If that copy goes too,
    the page shows it in red and a sync says which file is missing (not a bare OSError)."""
    import shutil

    stick = tmp_path / "usb" / "district-ca.pem"
    stick.parent.mkdir()
    shutil.copy(pki.ca, stick)
    client = SyncClient(desk, https_district.base, ca_bundle=str(stick))
    client.enroll(https_district.issue_code(desk.info.center_code), label="1号窗口")
    client.close()
    set_ca_bundle(desk, str(stick))
    stick.unlink()  # the stick is pulled out
    kept = desk.path.parent / "district-ca.pem"
    window = MainWindow(ui, SyncService())
    qtbot.addWidget(window)
    page = sync_tab(qtbot, window)
    assert str(kept) in page.ca_label.text() and "#b00020" not in page.ca_label.styleSheet()
    failures: list[BaseException] = []
    done: list[object] = []
    window.sync.failed.connect(failures.append)
    window.sync.synced.connect(done.append)
    qtbot.mouseClick(button(page, "sync_now"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(done or failures), timeout=10000)
    assert not failures and done, failures

    kept.unlink()  # now the PC's own copy is gone too
    window.close()
    window = MainWindow(ui, SyncService())
    qtbot.addWidget(window)
    page = sync_tab(qtbot, window)
    assert str(kept) in page.ca_label.text() and "找不到 CA 证书文件" in page.ca_label.text()
    assert "#b00020" in page.ca_label.styleSheet()
    window.sync.failed.connect(failures.append)
    qtbot.mouseClick(button(page, "sync_now"), Qt.MouseButton.LeftButton)
    assert failures and failures[0].code == "tls"
    assert f"找不到 CA 证书文件 {kept}" in page.message.text()


def test_only_the_admin_sees_or_sets_the_ca(qtbot, ui, desk, pki):  # noqa: F811
    set_ca_bundle(desk, str(pki.ca))
    desk.login("clerk", "clerk1234")
    ui.user = desk.user
    window = MainWindow(ui, SyncService())
    qtbot.addWidget(window)
    window.show()
    page = window.page("admin").sync_page
    qtbot.waitUntil(page.isVisible, timeout=3000)
    assert not page.ca_box.isVisibleTo(page) and not page.choose_ca.isVisibleTo(page)
    shown = " ".join(w.text() for w in page.findChildren(type(page.message)) if w.isVisible())
    assert str(pki.ca) not in shown and "CA" not in shown
    with pytest.raises(NotAllowed):
        set_ca_bundle(desk, None)
    assert SyncState(desk).get("ca_bundle") == str(desk.path.parent / "district-ca.pem")


def test_the_setup_wizard_takes_the_districts_ca(
    qtbot, qapp, tmp_path, monkeypatch, https_district, pki, secret_store
):
    from PySide6.QtWidgets import QWizard

    from ui.enroll import enroll
    from ui.setupwizard import SetupWizard

    said: list[str] = []
    monkeypatch.setattr("ui.setupwizard.QMessageBox.warning", lambda *a: said.append(a[2]))
    center = https_district.new_center()
    store = tmp_path / "pc.db"
    wizard = SetupWizard(store, enroller=enroll)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    next_, finish = (wizard.button(b) for b in (QWizard.WizardButton.NextButton,
                                                 QWizard.WizardButton.FinishButton))  # fmt: skip

    def click(widget) -> None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    type_into(qtbot, wizard.code, center)
    type_text(qtbot, wizard.name, "某某街道政务服务中心")  # as an input method commits it
    click(next_)
    assert wizard.currentId() == 1
    type_into(qtbot, wizard.server_url, https_district.base)
    code = https_district.issue_code(center)
    type_into(qtbot, wizard.enrollment_code, code)
    choose = wizard.findChild(QPushButton, "choose_ca")
    assert choose.isVisible() and wizard.ca_bundle.text() == ""
    click(next_)
    type_into(qtbot, wizard.password, "admin1234")
    type_into(qtbot, wizard.password2, "admin1234")
    click(next_)
    click(finish)

    # Without the CA: the district is not trusted; the wizard stays open on its page.
    assert wizard.isVisible() and wizard.currentId() == 1
    assert "无法验证区级平台的证书" in said[-1] and "选择区级平台的 CA 证书" in said[-1]
    assert "注册码没有用掉" in said[-1]
    with Desk(store) as made:
        device = made.info.device_id
        assert SyncState(made).get("enrolled_ms") == ""
    assert machine_secrets.get(token_name(device)) is None

    # A wrong file is named and not taken; the CA is.
    choose_in_file_dialog(qtbot, choose, str(pki.ca_key))
    assert "是私钥文件" in said[-1] and wizard.ca_bundle.text() == ""
    choose_in_file_dialog(qtbot, choose, str(pki.ca))
    assert wizard.ca_bundle.text() == str(pki.ca)
    assert wizard.ca_note.text().startswith(f"{CA_NAME}，有效期至")
    count = len(said)
    click(next_)
    click(next_)
    click(finish)
    assert len(said) == count, said[count:]
    assert not wizard.isVisible() and wizard.report.ok, wizard.report.text()
    assert "已注册到区级平台" in wizard.report.text()

    # The PC syncs with the district from now on, verified with that CA.
    with Desk(store) as made:
        assert SyncState(made).get("ca_bundle") == str(store.parent / "district-ca.pem")
        made.login("admin", "admin1234")
        client = SyncClient(made)
        try:
            report = client.sync()
        finally:
            client.close()
        assert report.pushed > 0 and client.status().pending == 0


def test_each_tls_refusal_says_what_to_do(make_desk, https_district, tmp_path):
    """Another CA chosen, or the district reached by a name its certificate does not carry:
    each refusal names its cause; nothing reached the district."""
    from test_sync_support import fast_client

    other = make_pki(tmp_path / "other")
    desk = make_desk(center_code=https_district.new_center())
    code = https_district.issue_code(desk.info.center_code)
    wrong = fast_client(desk, https_district.base, ca_bundle=str(other.ca))
    with pytest.raises(ServerRefused) as caught:
        wrong.enroll(code)
    wrong.close()
    assert caught.value.code == "tls"
    assert f"不是由所选的 CA 证书（{other.ca}）签发" in caught.value.message
    by_name = https_district.base.replace("127.0.0.1", "localhost")
    named = fast_client(desk, by_name, ca_bundle=str(https_district.tls[0]))
    with pytest.raises(ServerRefused) as caught:
        named.enroll(code)
    named.close()
    assert caught.value.code == "tls" and "与平台地址不符" in caught.value.message
    right = fast_client(desk, https_district.base, ca_bundle=str(https_district.tls[0]))
    assert right.enroll(code).center_code == desk.info.center_code  # the code was not used up
    right.close()


def test_a_certificate_refusal_sends_it_to_this_pcs_it_not_the_district(make_desk, https_district):
    """A tls refusal is the PC's own (the district never saw the request): the dialog says
    so instead of 请把提示告诉区级平台管理员, which still follows a refusal the district
    made."""
    from test_sync_support import fast_client

    desk = make_desk(center_code=https_district.new_center())
    untrusting = fast_client(desk, https_district.base)  # the district's CA not chosen
    with pytest.raises(ServerRefused) as caught:
        untrusting.enroll(https_district.issue_code(desk.info.center_code))
    untrusting.close()
    title, text = ops.error_text(caught.value)
    assert caught.value.code == "tls" and caught.value.status == 0
    assert "区级平台管理员" not in text and "本机的技术人员" in text
    assert "请求没有到达区级平台" in text and "CA 证书" in text  # the message: choose it
    assert text.endswith("数据已保存在本机。")
    assert title == "未能与区级平台建立加密连接"

    answered = ServerRefused("本机不能读写其他中心的数据", status=403, code="wrong_center")
    title, text = ops.error_text(answered)  # as transport makes it of the district's 403
    assert title == "区级平台拒绝了请求" and text.endswith("请把提示告诉区级平台管理员。")


def test_an_address_refused_before_sending_names_the_sync_page():
    from counterdesk.domain.errors import ServerRefused

    refused = ServerRefused("区级平台地址必须用 https://", status=0, code="insecure_url")
    title, text = ops.error_text(refused)
    assert "区级平台管理员" not in text and "系统管理 → 同步" in text
