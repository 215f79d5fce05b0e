/** Routes of the web UI. */
import { Spin } from "antd";
import { lazy, Suspense, useEffect, type ReactNode } from "react";
import { Navigate, Route, Routes, useNavigate } from "react-router-dom";
import { setUnauthorizedHandler } from "./api/client";
import AppLayout from "./shell/AppLayout";
import DesignerRoute from "./shell/DesignerRoute";
import HomeRedirect from "./shell/HomeRedirect";
import LoginPage from "./shell/LoginPage";
import NotFound from "./shell/NotFound";
import RequireAuth from "./shell/RequireAuth";
import { SessionProvider } from "./shell/SessionContext";

const GridPage = lazy(() => import("./grid/GridPage"));
const RecordPage = lazy(() => import("./record/RecordPage"));
const ViewPage = lazy(() => import("./views/ViewPage"));
const MessageCenterPage = lazy(() => import("./notify/MessageCenterPage"));
const NotifySettingsPage = lazy(() => import("./notify/SettingsPage"));
const NotifyAdminPage = lazy(() => import("./notify/admin/NotifyAdminPage"));
const DecisionListPage = lazy(() => import("./decisions/DecisionListPage"));
const DecisionEditorPage = lazy(() => import("./decisions/DecisionEditorPage"));
const FlowListPage = lazy(() => import("./flows/FlowListPage"));
const FlowEditorPage = lazy(() => import("./flows/FlowEditorPage"));
const WorkingCalendarPage = lazy(() => import("./calendar/WorkingCalendarPage"));
const InboxPage = lazy(() => import("./tasks/InboxPage"));
const ReportsPage = lazy(() => import("./reports/ReportsPage"));
const ReportPage = lazy(() => import("./reports/ReportPage"));
const DashboardPage = lazy(() => import("./reports/DashboardPage"));
const ReportDesignerPage = lazy(() => import("./reportdesigner/ReportDesignerPage"));
const AdminLayout = lazy(() => import("./admin/AdminLayout"));
const UsersPage = lazy(() => import("./admin/users/UsersPage"));
const DepartmentsPage = lazy(() => import("./admin/departments/DepartmentsPage"));
const TokensPage = lazy(() => import("./admin/tokens/TokensPage"));
const AuditPage = lazy(() => import("./admin/audit/AuditPage"));
const RoleListPage = lazy(() => import("./admin/roles/RoleListPage"));
const RoleEditorPage = lazy(() => import("./admin/roles/RoleEditorPage"));
const AppSettingsPage = lazy(() => import("./admin/settings/AppSettingsPage"));
const PersonalSettingsPage = lazy(() => import("./me/PersonalSettingsPage"));
const PublicFormPage = lazy(() => import("./publicforms/PublicFormPage"));

const page = (node: ReactNode) => (
  <Suspense fallback={<Spin size="large" style={{ display: "block", margin: "120px auto" }} />}>{node}</Suspense>
);

export default function App() {
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const here = window.location.pathname + window.location.search;
      if (!window.location.pathname.startsWith("/signin")) navigate(`/signin?next=${encodeURIComponent(here)}`, { replace: true });
    });
  }, [navigate]);

  return (
    <SessionProvider>
      <Routes>
        <Route path="/signin" element={<LoginPage />} />
        <Route path="/p/:token" element={page(<PublicFormPage />)} />
        <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
          <Route index element={<HomeRedirect />} />
          <Route path="/apps/:app" element={<HomeRedirect />} />
          <Route path="/apps/:app/forms/:form" element={page(<GridPage />)} />
          <Route path="/apps/:app/forms/:form/records/:id" element={page(<RecordPage />)} />
          <Route path="/apps/:app/forms/:form/design" element={<DesignerRoute />} />
          <Route path="/apps/:app/views/:view" element={page(<ViewPage />)} />
          <Route path="/apps/:app/admin/notifications" element={page(<NotifyAdminPage />)} />
          <Route path="/apps/:app/decisions" element={page(<DecisionListPage />)} />
          <Route path="/apps/:app/decisions/:key" element={page(<DecisionEditorPage />)} />
          <Route path="/apps/:app/flows" element={page(<FlowListPage />)} />
          <Route path="/apps/:app/flows/:key" element={page(<FlowEditorPage />)} />
          <Route path="/apps/:app/reports" element={page(<ReportsPage />)} />
          <Route path="/apps/:app/reports/new" element={page(<ReportDesignerPage />)} />
          <Route path="/apps/:app/reports/:key" element={page(<ReportPage />)} />
          <Route path="/apps/:app/reports/:key/design" element={page(<ReportDesignerPage />)} />
          <Route path="/apps/:app/dashboards/:key" element={page(<DashboardPage />)} />
          <Route path="/messages" element={page(<MessageCenterPage />)} />
          <Route path="/inbox" element={page(<InboxPage />)} />
          <Route path="/tasks/:id" element={page(<InboxPage />)} />
          <Route path="/me/notifications" element={page(<NotifySettingsPage />)} />
          <Route path="/system/calendar" element={page(<WorkingCalendarPage />)} />
          <Route path="/me/settings" element={page(<PersonalSettingsPage />)} />
          <Route element={page(<AdminLayout />)}>
            <Route path="/manage" element={<Navigate to="/manage/users" replace />} />
            <Route path="/manage/users" element={page(<UsersPage />)} />
            <Route path="/manage/departments" element={page(<DepartmentsPage />)} />
            <Route path="/manage/tokens" element={page(<TokensPage />)} />
            <Route path="/manage/audit" element={page(<AuditPage />)} />
            <Route path="/apps/:app/manage/roles" element={page(<RoleListPage />)} />
            <Route path="/apps/:app/manage/roles/:role" element={page(<RoleEditorPage />)} />
            <Route path="/apps/:app/manage/settings" element={page(<AppSettingsPage />)} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}
