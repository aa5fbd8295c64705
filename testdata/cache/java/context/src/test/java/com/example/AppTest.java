package com.example;

class AppTest {}
