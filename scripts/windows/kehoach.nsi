; The Windows installer of kehoach (bộ cài đặt), compiled by Debian's makensis in
; scripts/package-windows. Tauri's own NSIS bundler is not used: it downloads a
; plugin at bundle time (no network here, nor at many units) and includes a header
; Debian's NSIS lacks.
;
; - per user, without administrator rights, under %LOCALAPPDATA%\Programs\kehoach;
; - in Vietnamese; Start-menu and desktop shortcuts;
; - checks the Microsoft Edge WebView2 runtime first and, when it is missing, says
;   what it is and how the unit's IT installs it offline;
; - installing again over an installed version replaces the program only: the
;   officer's data is in %APPDATA%\kehoach, which the installer never touches (the
;   program backs the database up itself before a migration);
; - the uninstaller removes the program and keeps the data unless asked.
;
; makensis -DVERSION=0.1.0 -DSTAGE=dir -DOUTFILE=setup.exe kehoach.nsi
; STAGE holds kehoach-app.exe, kehoach.exe, WebView2Loader.dll, kehoach-ocr.dll,
; tessdata\, LICENSE.txt.

Unicode true
; 64-bit: the programs are x86_64, and 64-bit Wine cannot start a 32-bit
; installer (it exits at once, having installed nothing).
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!ifndef VERSION
  !error "VERSION is required (-DVERSION=0.1.0)"
!endif
!ifndef STAGE
  !error "STAGE is required (-DSTAGE=folder of the files to install)"
!endif
!ifndef OUTFILE
  !define OUTFILE "kehoach-${VERSION}-setup.exe"
!endif

!define PRODUCT "Kế hoạch"
!define PUBLISHER "kehoach"
!define APP_EXE "kehoach-app.exe"
!define REG_APP "Software\kehoach"
!define REG_UNINSTALL "Software\Microsoft\Windows\CurrentVersion\Uninstall\kehoach"
; The WebView2 runtime's client key: its "pv" value is its version when installed.
!define WEBVIEW2_CLIENT "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\kehoach"
; An earlier installation's folder, so that installing again upgrades it in place.
InstallDirRegKey HKCU "${REG_APP}" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"

; What Explorer shows in the file's properties (Details).
VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=1066 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1066 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1066 "FileDescription" "Bộ cài đặt ${PRODUCT}: soạn Kế hoạch theo Nghị định 30/2020/NĐ-CP"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "kehoach, giấy phép MIT"

!define MUI_ICON "${STAGE}\kehoach.ico"
!define MUI_UNICON "${STAGE}\kehoach.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "Cài đặt ${PRODUCT} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "Chương trình giúp cán bộ Ủy ban nhân dân soạn Kế hoạch của đơn vị từ kế hoạch cấp trên, kiểm tra thể thức theo Nghị định 30/2020/NĐ-CP và xuất ra Word, PDF.$\r$\n$\r$\nChương trình được cài cho riêng tài khoản này, không cần quyền quản trị, và không cần mạng Internet.$\r$\n$\r$\nNếu đã cài phiên bản trước, bộ cài sẽ thay chương trình và giữ nguyên các kế hoạch đã soạn."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${PRODUCT} ngay"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${STAGE}\LICENSE.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

; The WebView2 runtime: per machine (64-bit registry view of a 32-bit key, where
; its own installer writes it) or per user.
Function HasWebView2
  Push $0
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
  Exch $0
FunctionEnd

Function .onInit
  Call HasWebView2
  Pop $0
  ${If} $0 == ""
    MessageBox MB_OK|MB_ICONSTOP "Máy tính này chưa có Microsoft Edge WebView2 Runtime, thành phần của Windows mà ${PRODUCT} dùng để hiển thị cửa sổ (Windows 11 và Windows 10 được cập nhật đều có sẵn). Chưa cài đặt gì.$\r$\n$\r$\nCách cài, không cần mạng Internet trên máy này: bộ phận tin học của đơn vị, trên một máy có mạng, tải «Evergreen Standalone Installer» bản x64 tại trang developer.microsoft.com/microsoft-edge/webview2, chép sang máy này và chạy tệp đó; sau đó chạy lại bộ cài ${PRODUCT}." /SD IDOK
    ; Exit code 3 for a silent installation (/S) run by a script.
    SetErrorLevel 3
    Quit
  ${EndIf}
FunctionEnd

Section "${PRODUCT}" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; Files held open by a running program cannot be replaced: NSIS then asks to
  ; close it and retry (in Vietnamese).
  SetOverwrite on
  File "${STAGE}\${APP_EXE}"
  File "${STAGE}\kehoach.exe"
  File "${STAGE}\WebView2Loader.dll"
  File "${STAGE}\kehoach-ocr.dll"
  File "${STAGE}\kehoach.ico"
  File "${STAGE}\LICENSE.txt"
  File "${STAGE}\VERSION.txt"
  SetOutPath "$INSTDIR\tessdata"
  File "${STAGE}\tessdata\vie.traineddata"
  File "${STAGE}\tessdata\eng.traineddata"
  SetOutPath "$INSTDIR"

  SetShellVarContext current
  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\kehoach.ico" 0 SW_SHOWNORMAL "" "Soạn Kế hoạch theo Nghị định 30/2020/NĐ-CP"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\kehoach.ico" 0 SW_SHOWNORMAL "" "Soạn Kế hoạch theo Nghị định 30/2020/NĐ-CP"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${REG_APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${REG_APP}" "Version" "${VERSION}"
  ; Settings → Apps lists it, for this user.
  WriteRegStr HKCU "${REG_UNINSTALL}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${REG_UNINSTALL}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${REG_UNINSTALL}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${REG_UNINSTALL}" "DisplayIcon" "$INSTDIR\kehoach.ico"
  WriteRegStr HKCU "${REG_UNINSTALL}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${REG_UNINSTALL}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${REG_UNINSTALL}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${REG_UNINSTALL}" "NoModify" 1
  WriteRegDWORD HKCU "${REG_UNINSTALL}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${REG_UNINSTALL}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\kehoach.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\kehoach-ocr.dll"
  Delete "$INSTDIR\kehoach.ico"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\VERSION.txt"
  Delete "$INSTDIR\tessdata\vie.traineddata"
  Delete "$INSTDIR\tessdata\eng.traineddata"
  RMDir "$INSTDIR\tessdata"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${REG_UNINSTALL}"
  DeleteRegKey HKCU "${REG_APP}"
  ; The officer's plans stay unless they ask (a silent uninstall keeps them).
  IfFileExists "$APPDATA\kehoach\*.*" 0 done
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "Xóa luôn dữ liệu của ${PRODUCT} (các kế hoạch, báo cáo và bản sao lưu trong $APPDATA\kehoach)?$\r$\n$\r$\nChọn «Không» để giữ lại: cài lại chương trình sau này sẽ thấy đủ các kế hoạch." /SD IDNO IDNO done
    RMDir /r "$APPDATA\kehoach"
    RMDir /r "$LOCALAPPDATA\kehoach"
  done:
SectionEnd
