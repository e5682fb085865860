import { createBrowserRouter, Navigate } from "react-router";
import { SignInScreen } from "../features/auth/SignInScreen.tsx";
import { SignUpScreen } from "../features/auth/SignUpScreen.tsx";
import { WelcomeScreen } from "../features/auth/WelcomeScreen.tsx";
import { ChatScreen } from "../features/chats/ChatScreen.tsx";
import { ChatsIndex, ChatsLayout } from "../features/chats/ChatsLayout.tsx";
import { GroupInfoScreen } from "../features/chats/GroupInfoScreen.tsx";
import { NewChatScreen } from "../features/chats/NewChatScreen.tsx";
import { AddContactScreen } from "../features/contacts/AddContactScreen.tsx";
import { ContactProfileScreen } from "../features/contacts/ContactProfileScreen.tsx";
import { ContactsScreen } from "../features/contacts/ContactsScreen.tsx";
import { NewFriendsScreen } from "../features/contacts/NewFriendsScreen.tsx";
import { DiscoverScreen } from "../features/discover/DiscoverScreen.tsx";
import { BlockedScreen } from "../features/me/BlockedScreen.tsx";
import { EditNameScreen } from "../features/me/EditNameScreen.tsx";
import { LanguageScreen } from "../features/me/LanguageScreen.tsx";
import { MeScreen } from "../features/me/MeScreen.tsx";
import { ProfilePhotoScreen } from "../features/me/ProfilePhotoScreen.tsx";
import { ComposeMomentScreen } from "../features/moments/ComposeMomentScreen.tsx";
import { MomentScreen } from "../features/moments/MomentScreen.tsx";
import { MomentsPermissionsScreen } from "../features/moments/MomentsPermissionsScreen.tsx";
import { MomentsScreen } from "../features/moments/MomentsScreen.tsx";
import { MomentsSettingsScreen } from "../features/moments/MomentsSettingsScreen.tsx";
import { NotificationsScreen } from "../features/moments/NotificationsScreen.tsx";
import { UserMomentsScreen } from "../features/moments/UserMomentsScreen.tsx";
import { ApproveLoginScreen } from "../features/qr/ApproveLoginScreen.tsx";
import { GroupQrScreen } from "../features/qr/GroupQrScreen.tsx";
import { MyQrScreen } from "../features/qr/MyQrScreen.tsx";
import { QrLinkGate } from "../features/qr/QrLinkGate.tsx";
import { QrOpenScreen } from "../features/qr/QrOpenScreen.tsx";
import { ReceiveScreen } from "../features/qr/ReceiveScreen.tsx";
import { ScanScreen } from "../features/qr/ScanScreen.tsx";
import { NewRedPacketScreen } from "../features/wallet/NewRedPacketScreen.tsx";
import { PinSetupScreen } from "../features/wallet/PinSetupScreen.tsx";
import { RedPacketScreen } from "../features/wallet/RedPacketScreen.tsx";
import { TopUpScreen } from "../features/wallet/TopUpScreen.tsx";
import { TransactionsScreen } from "../features/wallet/TransactionsScreen.tsx";
import { TransferReceiptScreen } from "../features/wallet/TransferReceiptScreen.tsx";
import { TransferScreen } from "../features/wallet/TransferScreen.tsx";
import { WalletScreen } from "../features/wallet/WalletScreen.tsx";
import { WithdrawScreen } from "../features/wallet/WithdrawScreen.tsx";
import { AppShell } from "./AppShell.tsx";
import { paths } from "./paths.ts";
import { PublicOnly, RequireAuth } from "./RequireAuth.tsx";

export const router = createBrowserRouter([
  // A QR code's link: opens the code signed in, or after signing in.
  { path: "/q/:token", element: <QrLinkGate /> },
  {
    element: <PublicOnly />,
    children: [
      { path: paths.welcome, element: <WelcomeScreen /> },
      { path: paths.signIn, element: <SignInScreen /> },
      { path: paths.signUp, element: <SignUpScreen /> },
    ],
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <Navigate to={paths.chats} replace /> },
          {
            // The list and the open chat: side by side on a wide window, one at a time on a phone.
            element: <ChatsLayout />,
            children: [
              { path: paths.chats, element: <ChatsIndex /> },
              { path: paths.newChat, element: <NewChatScreen /> },
              { path: "/chats/:conversationId", element: <ChatScreen /> },
              { path: "/chats/:conversationId/info", element: <GroupInfoScreen /> },
            ],
          },
          { path: paths.contacts, element: <ContactsScreen /> },
          { path: paths.newFriends, element: <NewFriendsScreen /> },
          { path: paths.addContact, element: <AddContactScreen /> },
          { path: "/contacts/:userId", element: <ContactProfileScreen /> },
          { path: paths.discover, element: <DiscoverScreen /> },
          { path: paths.moments, element: <MomentsScreen /> },
          { path: paths.newMoment, element: <ComposeMomentScreen /> },
          { path: paths.momentNotifications, element: <NotificationsScreen /> },
          { path: "/moments/:momentId", element: <MomentScreen /> },
          { path: "/moments/people/:userId", element: <UserMomentsScreen /> },
          { path: "/contacts/:userId/moments-permissions", element: <MomentsPermissionsScreen /> },
          { path: paths.momentsSettings, element: <MomentsSettingsScreen /> },
          { path: paths.me, element: <MeScreen /> },
          { path: paths.editName, element: <EditNameScreen /> },
          { path: paths.profilePhoto, element: <ProfilePhotoScreen /> },
          { path: paths.language, element: <LanguageScreen /> },
          { path: paths.blocked, element: <BlockedScreen /> },
          { path: paths.wallet, element: <WalletScreen /> },
          { path: paths.walletTopUp, element: <TopUpScreen /> },
          { path: paths.walletWithdraw, element: <WithdrawScreen /> },
          { path: paths.walletPin, element: <PinSetupScreen /> },
          { path: paths.walletTransactions, element: <TransactionsScreen /> },
          { path: "/me/wallet/transfers/:transferId", element: <TransferReceiptScreen /> },
          { path: "/pay/:userId", element: <TransferScreen /> },
          { path: "/chats/:conversationId/red-packet", element: <NewRedPacketScreen /> },
          { path: "/red-packets/:redPacketId", element: <RedPacketScreen /> },
          { path: paths.scan, element: <ScanScreen /> },
          { path: paths.myQr, element: <MyQrScreen /> },
          { path: paths.receiveMoney, element: <ReceiveScreen /> },
          { path: paths.approveLogin, element: <ApproveLoginScreen /> },
          { path: "/qr/open/:token", element: <QrOpenScreen /> },
          { path: "/chats/:conversationId/qr", element: <GroupQrScreen /> },
          { path: "*", element: <Navigate to={paths.chats} replace /> },
        ],
      },
    ],
  },
]);
